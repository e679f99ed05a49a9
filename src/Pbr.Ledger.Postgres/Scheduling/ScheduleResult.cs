using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>What to record when a claimed scheduled settlement ends.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Duration">How long it took, retries included.</param>
/// <param name="Tries">How many times the settlement was attempted (0 when cancelled before the first).</param>
/// <param name="RunId">The run it posted, if any.</param>
/// <param name="LineCount">The number of lines it posted.</param>
/// <param name="Error">The last error, for a failed run.</param>
public sealed record ScheduleResult(
    ScheduleOutcome Outcome, Instant FinishedAt, Duration Duration, int Tries, RunId? RunId, int LineCount, string? Error);
