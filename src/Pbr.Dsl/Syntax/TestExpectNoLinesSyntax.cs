using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>expect no lines</c>.</summary>
public sealed record TestExpectNoLinesSyntax(TextSpan Span) : TestItemSyntax(Span);
