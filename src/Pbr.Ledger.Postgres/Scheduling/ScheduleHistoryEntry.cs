using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>One row of <c>pbr schedule history</c>: a claim and, once it ended, its outcome.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="FireTime">The scheduled fire time.</param>
/// <param name="Contract">The contract settled.</param>
/// <param name="Attempt">The claim's attempt number.</param>
/// <param name="AsOf">The as-of date the fire used.</param>
/// <param name="KnownAt">The known-at date the fire used.</param>
/// <param name="ClaimedAt">When the claim was taken.</param>
/// <param name="ClaimedBy">Which process took it (host and process id).</param>
/// <param name="Result">The outcome; none while running, or when the process died mid-run.</param>
public sealed record ScheduleHistoryEntry(
    string Schedule,
    Instant FireTime,
    ContractId Contract,
    int Attempt,
    LocalDate AsOf,
    LocalDate KnownAt,
    Instant ClaimedAt,
    string ClaimedBy,
    ScheduleResult? Result);
