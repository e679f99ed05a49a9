namespace Pbr.Benchmarks.Peers;

/// <summary>The input the RulesEngine workflow sees for one participant (its <c>input1</c>).</summary>
/// <param name="PaymentGroup">The participant's payment group.</param>
/// <param name="FinancialYear">The financial year (1 April - 31 March) of the start date, named by the year it starts in.</param>
public sealed record WpFacts(string PaymentGroup, int FinancialYear);
