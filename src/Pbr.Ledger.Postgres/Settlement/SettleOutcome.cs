using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>The outcome of a settlement: per contract, what was (or would be) posted.</summary>
/// <param name="Contract">The contract that was busy (<see cref="SettleStatus.Busy"/>) or unknown (<see cref="SettleStatus.UnknownContract"/>).</param>
public sealed record SettleOutcome(
    SettleStatus Status,
    ImmutableArray<ContractRun> Runs,
    ContractId? Contract,
    ImmutableArray<EvaluationProblem> Problems)
{
    /// <summary>Gets the total number of lines posted.</summary>
    public int LineCount => Runs.Sum(r => r.Plan.Header.LineCount);
}
