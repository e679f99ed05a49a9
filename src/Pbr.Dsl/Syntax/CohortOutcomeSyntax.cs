using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>cohort outcome NAME [when …] pay … end</c>: a payment for a whole cohort.</summary>
public sealed record CohortOutcomeSyntax(TextSpan Span, NameSyntax Name, ExpressionSyntax? Guard, ExpressionSyntax Pay, NameSyntax? Rounding)
    : SchemeItemSyntax(Span);
