using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>as of 2012-01-31 [known at 2012-01-31]</c>.</summary>
public sealed record TestAsOfSyntax(TextSpan Span, Token AsOf, Token? KnownAt) : TestItemSyntax(Span);
