using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>expect problem bad_data</c>: the evaluation must report a problem of that kind.</summary>
public sealed record TestExpectProblemSyntax(TextSpan Span, NameSyntax Kind) : TestItemSyntax(Span);
