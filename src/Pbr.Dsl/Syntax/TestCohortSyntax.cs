using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>cohort "2012-Q1"</c>: the case prices that cohort instead of one participant.</summary>
public sealed record TestCohortSyntax(TextSpan Span, Token Name) : TestItemSyntax(Span);
