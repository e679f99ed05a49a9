using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>outcome NAME due … [when …] pay … [rounded MODE] end</c>: a payment for one participant.</summary>
public sealed record OutcomeSyntax(
    TextSpan Span, NameSyntax Name, TriggerSyntax Trigger, ExpressionSyntax? Guard, ExpressionSyntax Pay, NameSyntax? Rounding)
    : SchemeItemSyntax(Span);
