using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Tests.Fixtures;

/// <summary>Short constructors for test rows of the <see cref="ToyScheme"/> contract <c>TOY-1</c>.</summary>
public static class Rows
{
    public static readonly ContractTerms Contract = new(
        new ContractId("TOY-1"), new SchemeId("toy"), new ProviderId("Toy Provider Ltd"),
        new LocalDate(2024, 1, 1), new LocalDate(2026, 12, 31), new Percentage(0m));

    public const string TariffSha = "1111111111111111111111111111111111111111111111111111111111111111";

    public static Participant Participant(string id, LocalDate start, string group = "easy") =>
        new(new ParticipantId(id), Contract.Id, start, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("payment_group", group)]));

    public static EvidenceVersion Employment(
        string id, string participant, LocalDate start, LocalDate? end, LocalDate recordedOn, EvidenceStatus status = EvidenceStatus.Verified) =>
        new(new EvidenceId(id), new ParticipantId(participant), Contract.Id, "employment", start, end, status, recordedOn,
            ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    public static Pbr.Engine.Settlement.SettlementInput Input(
        IReadOnlyList<Participant> participants, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate? knownAt = null) =>
        new(Contract, new ToyScheme(), TariffSha, [TariffSha], participants, evidence, asOf, knownAt ?? asOf, "test");
}
