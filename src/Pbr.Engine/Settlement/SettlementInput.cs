using System.Collections.Immutable;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Settlement;

/// <summary>Everything one contract's run reads: the terms, the compiled scheme, and the input rows.</summary>
/// <param name="SchemeSha256">The SHA-256 of the source declaring the scheme; lines carry it.</param>
/// <param name="TariffSha256s">The SHA-256 of every source used (scheme and contract), in any order.</param>
/// <param name="Evidence">The evidence versions known at <paramref name="KnownAt"/>; later ones are ignored.</param>
/// <param name="InputDigest">
/// The digest of the rows when the ledger made it from the content hashes stored with them
/// (<see cref="Hashing.InputDigest.Of(IReadOnlyList{Participant}, IReadOnlyList{EvidenceVersion}, Hashing.InputHashes?)"/>);
/// null to hash the rows. Ignored when some evidence is later than <paramref name="KnownAt"/>.
/// </param>
public sealed record SettlementInput(
    ContractTerms Contract,
    ISchemeRules Rules,
    string SchemeSha256,
    ImmutableArray<string> TariffSha256s,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<EvidenceVersion> Evidence,
    LocalDate AsOf,
    LocalDate KnownAt,
    string EngineVersion,
    string? InputDigest = null);
