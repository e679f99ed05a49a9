namespace Pbr.Benchmarks.Peers;

/// <summary>
/// Registered with RulesEngine as a custom type, so that a rule's output expression can build a
/// fee row: <c>WpTariff.Fees(40000, 120000, 182, 17000, 13)</c>.
/// </summary>
public static class WpTariff
{
    /// <summary>Builds a fee row.</summary>
    public static WpFees Fees(long attachment, long jobOutcome, int jobOutcomeDays, long sustainment, int sustainmentMax) =>
        new(attachment, jobOutcome, jobOutcomeDays, sustainment, sustainmentMax);
}
