using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A name: an attribute, a term, a taper, a cohort measure or <c>start_date</c>.</summary>
public sealed record NameExpressionSyntax(TextSpan Span, NameSyntax Name) : ExpressionSyntax(Span);
