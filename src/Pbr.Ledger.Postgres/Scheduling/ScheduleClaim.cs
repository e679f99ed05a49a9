using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>A scheduler's claim on one contract of one fire of a schedule: only the claimant settles it.</summary>
/// <param name="ClaimId">The claim's id, which its outcome refers to.</param>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="FireTime">The fire time the claim is for (the scheduled time, not when it ran).</param>
/// <param name="Contract">The contract to settle.</param>
/// <param name="Attempt">1 for the first claim; one more for each earlier claim that ended cancelled.</param>
public sealed record ScheduleClaim(long ClaimId, string Schedule, Instant FireTime, ContractId Contract, int Attempt);
