using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>due when cumulative employment reaches 26 weeks within 104 weeks</c>: the first day the
/// participant's verified spell time since the start reaches the threshold, inside the window.
/// </summary>
public sealed record ThresholdTriggerSyntax(
    TextSpan Span, Token Mode, NameSyntax Evidence, ExpressionSyntax Reaches, ExpressionSyntax Within) : TriggerSyntax(Span);
