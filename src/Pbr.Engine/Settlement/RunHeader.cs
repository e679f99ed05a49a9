using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;

namespace Pbr.Engine.Settlement;

/// <summary>
/// The header of one contract's settlement run: what it read, what it posted in total, and its
/// place in the contract's hash chain.
/// </summary>
/// <param name="TariffSha256s">The SHA-256 of every tariff source used, sorted.</param>
/// <param name="InputDigest">The digest of every participant row and evidence version read.</param>
/// <param name="PrevHash">The hash of the contract's previous run, or <see cref="Hashing.Sha256Hex.Genesis"/>.</param>
/// <param name="Hash">This run's hash over the fields above and every line hash in key order.</param>
public sealed record RunHeader(
    ContractId Contract,
    LocalDate AsOf,
    LocalDate KnownAt,
    string EngineVersion,
    ImmutableArray<string> TariffSha256s,
    string InputDigest,
    int ParticipantCount,
    int EvidenceCount,
    int LineCount,
    Money Payments,
    Money Clawbacks,
    string PrevHash,
    string Hash)
{
    /// <summary>Gets payments plus clawbacks.</summary>
    public Money Net => Payments + Clawbacks;
}
