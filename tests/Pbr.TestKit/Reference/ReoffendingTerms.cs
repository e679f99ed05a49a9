namespace Pbr.TestKit.Reference;

/// <summary>The figures a reoffending contract fixes: baselines, prices in pence, and the per-cohort cap in pence.</summary>
public sealed record ReoffendingTerms(
    decimal BaselineBinary,
    decimal BaselineFrequency,
    long PricePerReoffenderAvoidedPence,
    long PricePerReoffenceAvoidedPence,
    long CapPence)
{
    /// <summary>Gets the terms of the sample contract <c>RO-PILOT-NORTH</c> (issue 3).</summary>
    public static ReoffendingTerms PilotNorth { get; } = new(0.55m, 1.40m, 5_000_00, 1_200_00, 250_000_00);
}
