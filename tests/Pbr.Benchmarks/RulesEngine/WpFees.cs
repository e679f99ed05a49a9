namespace Pbr.Benchmarks.Peers;

/// <summary>One row of the Work Programme fee table, in pence, as a RulesEngine rule outputs it.</summary>
public sealed record WpFees(long Attachment, long JobOutcome, int JobOutcomeDays, long Sustainment, int SustainmentMax);
