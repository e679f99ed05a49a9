using Pbr.Core;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>What the verifier found wrong with the ledger.</summary>
public enum FindingKind
{
    /// <summary>A line's stored hash does not match its fields: the row was edited.</summary>
    AlteredLine,

    /// <summary>A run's line count or control totals do not match its lines: a row was inserted or deleted.</summary>
    ControlTotals,

    /// <summary>A run's stored hash does not match its header and lines.</summary>
    AlteredRun,

    /// <summary>A run does not follow the contract's previous run: the chain is broken.</summary>
    BrokenChain,
}

/// <summary>One thing wrong in the ledger: which run, which line (when it is about one), and what differs.</summary>
public sealed record VerifyFinding(FindingKind Kind, ContractId Contract, RunId Run, string? Line, string Message)
{
    /// <summary>Formats the finding as one line for people.</summary>
    public override string ToString() =>
        Line is null
            ? $"{Contract} run {Run}: {Message}"
            : $"{Contract} run {Run} line {Line}: {Message}";
}
