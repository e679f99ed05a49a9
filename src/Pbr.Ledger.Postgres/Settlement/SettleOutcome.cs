using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>How a settlement ended.</summary>
public enum SettleStatus
{
    /// <summary>Committed (or, for a dry run, computed and rolled back).</summary>
    Settled,

    /// <summary>A previous attempt of this very settlement committed; nothing was posted again.</summary>
    AlreadyCommitted,

    /// <summary>Another run held a contract's lock and waiting was not allowed.</summary>
    Busy,

    /// <summary>The scheme reported problems; nothing was posted.</summary>
    Problems,

    /// <summary>A contract named in the request is not in force.</summary>
    UnknownContract,
}

/// <summary>The outcome of a settlement: per contract, what was (or would be) posted.</summary>
/// <param name="Contract">The contract that was busy (<see cref="SettleStatus.Busy"/>) or unknown (<see cref="SettleStatus.UnknownContract"/>).</param>
public sealed record SettleOutcome(
    SettleStatus Status,
    ImmutableArray<ContractRun> Runs,
    ContractId? Contract,
    ImmutableArray<EvaluationProblem> Problems)
{
    /// <summary>Gets the total number of lines posted.</summary>
    public int LineCount => Runs.Sum(r => r.Plan.Lines.Length);
}
