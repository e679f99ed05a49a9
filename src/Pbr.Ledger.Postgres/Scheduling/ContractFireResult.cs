using Pbr.Core;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>What one fire did for one contract.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Claim">This scheduler's claim; null when another scheduler (or an earlier run) had claimed the fire.</param>
/// <param name="Result">How the claimed settlement ended; null when not claimed.</param>
public sealed record ContractFireResult(ContractId Contract, ScheduleClaim? Claim, ScheduleResult? Result)
{
    /// <summary>Gets a value indicating whether another scheduler had already claimed this contract's fire.</summary>
    public bool ClaimedElsewhere => Claim is null;
}
