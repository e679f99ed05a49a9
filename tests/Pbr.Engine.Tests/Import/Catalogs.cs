using System.Collections.Immutable;
using System.Text;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Engine.Import;
using Pbr.TestKit.Reference;
using NodaTime;

namespace Pbr.Engine.Tests.Import;

/// <summary>The declarations of the two sample schemes (issue 3) and of a scheme with every attribute type.</summary>
internal static class Catalogs
{
    public static readonly DeclaredScheme WorkProgramme = new(
        "work_programme",
        [new AttributeDeclaration("payment_group", AttributeType.Enumeration, [.. WorkProgrammeTariff.All.Select(t => t.PaymentGroup)])],
        [new EvidenceKindDeclaration("employment", EvidenceShape.Spell, [])]);

    public static readonly DeclaredScheme Reoffending = new(
        "reoffending",
        [],
        [new EvidenceKindDeclaration("proven_reoffence", EvidenceShape.Event, [])]);

    public static readonly DeclaredScheme Typed = new(
        "typed",
        [
            new AttributeDeclaration("age", AttributeType.Integer, []),
            new AttributeDeclaration("income", AttributeType.Money, []),
            new AttributeDeclaration("share", AttributeType.Rate, []),
            new AttributeDeclaration("veteran", AttributeType.Boolean, []),
            new AttributeDeclaration("referred_on", AttributeType.Date, []),
            new AttributeDeclaration("note", AttributeType.Text, []),
        ],
        [new EvidenceKindDeclaration("visit", EvidenceShape.Event, [new AttributeDeclaration("site", AttributeType.Text, [])])]);

    public static ContractTerms Alpha { get; } = Contract("WP-CPA1-ALPHA", "work_programme", "Alpha Employment Ltd", "2011-06-01", "2016-03-31", 0m);

    public static ContractTerms Beta { get; } = Contract("WP-CPA2-BETA", "work_programme", "Beta Works plc", "2011-06-01", "2016-03-31", 7.5m);

    public static ContractTerms North { get; } = Contract("RO-PILOT-NORTH", "reoffending", "North Rehabilitation CIC", "2012-01-01", "2014-12-31", 0m);

    public static ContractTerms TypedContract { get; } = Contract("TYPED-1", "typed", "Typed Ltd", "2020-01-01", "2020-12-31", 0m);

    /// <summary>The sample contracts only.</summary>
    public static ImportCatalog Samples { get; } = new([Alpha, Beta, North], [WorkProgramme, Reoffending]);

    /// <summary>The Work Programme contracts only.</summary>
    public static ImportCatalog WorkProgrammeOnly { get; } = new([Alpha, Beta], [WorkProgramme]);

    public static ImportCatalog TypedOnly { get; } = new([TypedContract], [Typed]);

    /// <summary>Known participants for evidence tests: P1 and P2 on Alpha, R1 on North, T1 on TYPED-1.</summary>
    public static LocalDate? Known(ContractId contract, ParticipantId participant) => (contract.Value, participant.Value) switch
    {
        ("WP-CPA1-ALPHA", "P1" or "P2") => new LocalDate(2011, 6, 1),
        ("RO-PILOT-NORTH", "R1") => new LocalDate(2012, 1, 15),
        ("TYPED-1", "T1") => new LocalDate(2020, 1, 1),
        _ => null,
    };

    public static ImportResult<Participant> Participants(string text, ImportCatalog? catalog = null) =>
        ParticipantsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "participants.csv", catalog ?? Samples);

    public static ImportResult<Participant> Participants(byte[] bytes, ImportCatalog? catalog = null) =>
        ParticipantsReader.Read(new MemoryStream(bytes), "participants.csv", catalog ?? Samples);

    public static ImportResult<EvidenceVersion> Evidence(string text, ImportCatalog? catalog = null) =>
        EvidenceReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "evidence.csv", catalog ?? Samples, Known);

    public static string[] Rendered<T>(ImportResult<T> result) => [.. result.Problems.Select(p => p.ToString())];

    private static ContractTerms Contract(string id, string scheme, string provider, string from, string to, decimal discount) =>
        new(new ContractId(id), new SchemeId(scheme), new ProviderId(provider), D(from), D(to), new Percentage(discount));

    private static LocalDate D(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    public static ImmutableSortedDictionary<string, string> Attributes(params (string Name, string Value)[] values) =>
        values.ToImmutableSortedDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
