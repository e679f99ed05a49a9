using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>due every 4 weeks of continuous employment after job_outcome at most 13 times</c>: recurring
/// instalments counted from the day after another outcome falls due.
/// </summary>
public sealed record RecurringTriggerSyntax(
    TextSpan Span, ExpressionSyntax Every, NameSyntax Evidence, NameSyntax After, ExpressionSyntax AtMost) : TriggerSyntax(Span);
