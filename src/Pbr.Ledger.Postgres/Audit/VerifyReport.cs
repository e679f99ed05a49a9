using System.Collections.Immutable;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>The result of checking the whole ledger: how much was checked and every finding.</summary>
public sealed record VerifyReport(int Runs, int Lines, ImmutableArray<VerifyFinding> Findings)
{
    /// <summary>Gets a value indicating whether every hash, chain link, count and total holds.</summary>
    public bool Holds => Findings.IsEmpty;
}
