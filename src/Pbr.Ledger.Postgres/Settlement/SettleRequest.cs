using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>What to settle: the dates, the contracts (all in force when empty), and how.</summary>
/// <param name="DryRun">Compute and write exactly as a real run, then roll back.</param>
/// <param name="NoWait">Give up at once if another run holds a contract's lock, instead of waiting.</param>
/// <param name="MaxClawbackShare">The safety bound: a contract's run that would claw back more than this
/// share of what the contract has been paid so far stops for review and posts nothing; null for no bound.</param>
/// <param name="KeepLines">Keep every posted line in the outcome's plans (for a statement of them); without,
/// a posted plan keeps its header only, so that a settlement holds one contract's lines at a time.</param>
public sealed record SettleRequest(
    LocalDate AsOf,
    LocalDate KnownAt,
    ImmutableArray<ContractId> Contracts,
    bool DryRun,
    bool NoWait,
    Rate? MaxClawbackShare = null,
    bool KeepLines = true);
