using NodaTime;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>A run header exactly as the ledger holds it.</summary>
internal sealed class StoredRun
{
    public string Contract { get; init; } = "";
    public long RunId { get; init; }
    public LocalDate AsOf { get; init; }
    public LocalDate KnownAt { get; init; }
    public string EngineVersion { get; init; } = "";
    public string[] TariffSha256s { get; init; } = [];
    public string InputDigest { get; init; } = "";
    public int ParticipantCount { get; init; }
    public int EvidenceCount { get; init; }
    public int LineCount { get; init; }
    public long Payments { get; init; }
    public long Clawbacks { get; init; }
    public long Net { get; init; }
    public string PrevHash { get; init; } = "";
    public string RunHash { get; init; } = "";

    /// <summary>Gets when the run committed; a replay reads only the inputs imported by then.</summary>
    public Instant CreatedAt { get; init; }
}
