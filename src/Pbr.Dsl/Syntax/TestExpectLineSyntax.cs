using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>expect job_outcome £1,200.00 on 2011-11-29</c>, <c>expect sustainment 2 £170.00 on …</c>, or
/// <c>expect sustainment 1 to 13 £170.00 every 28 days from …</c>.
/// </summary>
public sealed record TestExpectLineSyntax(
    TextSpan Span, NameSyntax Outcome, Token? Instalment, Token? LastInstalment, Token Amount, Token Due, Token? EveryDays)
    : TestItemSyntax(Span);
