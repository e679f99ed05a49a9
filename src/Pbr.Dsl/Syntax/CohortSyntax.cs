using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>cohort quarterly counts KIND occurring within … after start recorded within … after start
/// settles … after quarter ends end</c>: how participants are grouped and events counted.
/// </summary>
public sealed record CohortSyntax(
    TextSpan Span, NameSyntax Evidence, ExpressionSyntax OccurringWithin, ExpressionSyntax RecordedWithin, ExpressionSyntax SettlesAfter)
    : SchemeItemSyntax(Span);
