using System.Collections.Immutable;

namespace Pbr.Ledger.Postgres.Verification;

/// <summary>What a verification of the ledger found: every altered, inserted or missing row it could detect.</summary>
public sealed record VerificationReport(int RunsChecked, int LinesChecked, ImmutableArray<string> Findings)
{
    /// <summary>Gets a value indicating whether the ledger is exactly as it was posted.</summary>
    public bool IsIntact => Findings.IsEmpty;
}
