namespace Pbr.Ledger.Postgres.Audit;

/// <summary>One field of a run, or one line, where the recomputation differs from what was posted.</summary>
/// <param name="Subject">What differs: a header field such as <c>run hash</c>, or a line key such as <c>(P1, job_outcome, 1)</c>.</param>
/// <param name="Posted">What the ledger holds; <c>-</c> when the ledger has no such line.</param>
/// <param name="Recomputed">What the current engine computes; <c>-</c> when it computes no such line.</param>
public sealed record ReplayDifference(string Subject, string Posted, string Recomputed);
