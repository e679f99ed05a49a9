using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using NodaTime;

namespace Pbr.Engine.Import;

/// <summary>
/// Reads <c>evidence.csv</c> (DESIGN §4) into <see cref="EvidenceVersion"/> values, one per row,
/// checking ids, known contracts and participants, declared kinds and their attributes, dates,
/// statuses and the shape of each kind (a spell's end not before its start; an event has no end).
/// A row is a version: the key is (evidence_id, recorded_on). Pure: text in, result out.
/// </summary>
public static class EvidenceReader
{
    /// <summary>The columns every evidence file has, whatever the scheme.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } =
        ["evidence_id", "participant_id", "contract_id", "kind", "start_date", "end_date", "status", "recorded_on"];

    /// <summary>Reads a UTF-8 stream.</summary>
    /// <param name="knownParticipant">Gets the start date of a participant already imported, or null when there is none.</param>
    public static ImportResult<EvidenceVersion> Read(
        Stream stream, string fileName, ImportCatalog catalog, Func<ContractId, ParticipantId, LocalDate?> knownParticipant) =>
        Run(CsvSource.Read(stream, fileName), fileName, catalog, knownParticipant);

    /// <summary>Reads text that is already decoded.</summary>
    /// <param name="knownParticipant">Gets the start date of a participant already imported, or null when there is none.</param>
    public static ImportResult<EvidenceVersion> Read(
        TextReader reader, string fileName, ImportCatalog catalog, Func<ContractId, ParticipantId, LocalDate?> knownParticipant) =>
        Run(CsvSource.Read(reader, fileName), fileName, catalog, knownParticipant);

    private static ImportResult<EvidenceVersion> Run(
        IEnumerable<SourceRecord> records, string fileName, ImportCatalog catalog, Func<ContractId, ParticipantId, LocalDate?> knownParticipant)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(knownParticipant);
        return CsvImport.Run<(EvidenceId, LocalDate), EvidenceVersion>(
            records,
            fileName,
            "evidence",
            FixedColumns,
            catalog.EvidenceAttributeNames,
            row => Check(row, catalog, knownParticipant),
            SameContent,
            (key, firstLine) => ("evidence_id", ImportMessages.EvidenceConflict(key.Item1.Value, key.Item2, firstLine)),

            // Extracts list evidence by id, then by recorded on.
            (a, b) => a.CompareTo(b));
    }

    private static bool SameContent(EvidenceVersion a, EvidenceVersion b) =>
        a.Participant == b.Participant
        && a.Contract == b.Contract
        && a.Kind == b.Kind
        && a.StartDate == b.StartDate
        && a.EndDate == b.EndDate
        && a.Status == b.Status
        && a.Attributes.SequenceEqual(b.Attributes);

    private static ((EvidenceId, LocalDate) Key, EvidenceVersion Value)? Check(
        RowContext row, ImportCatalog catalog, Func<ContractId, ParticipantId, LocalDate?> knownParticipant)
    {
        var id = Id(row, "evidence_id", EvidenceId.Parse);
        var participant = Id(row, "participant_id", ParticipantId.Parse);

        ContractTerms? terms = null;
        ISchemeRules? scheme = null;
        if (row.Required("contract_id") is { } contractText)
        {
            if (catalog.TryGetContract(new ContractId(contractText), out var t, out var s))
            {
                (terms, scheme) = (t, s);
            }
            else
            {
                row.Add("contract_id", ImportMessages.UnknownContract(contractText, catalog.ContractIds.Select(c => c.Value)));
            }
        }

        if (participant is { } p && terms is not null && knownParticipant(terms.Id, p) is null)
        {
            row.Add("participant_id", ImportMessages.UnknownParticipant(p.Value, terms.Id.Value));
        }

        EvidenceKindDeclaration? kind = null;
        if (row.Required("kind") is { } kindText && scheme is not null)
        {
            var kinds = scheme.EvidenceKinds;
            for (var i = 0; i < kinds.Count && kind is null; i++)
            {
                if (kinds[i].Name == kindText)
                {
                    kind = kinds[i];
                }
            }

            if (kind is null)
            {
                row.Add("kind", ImportMessages.UnknownKind(kindText, scheme.Id.Value, scheme.EvidenceKinds.Select(k => k.Name)));
            }
        }

        var start = row.Date("start_date");
        var end = row.OptionalDate("end_date", out var endOk);
        if (end is { } endDate && kind is { Shape: EvidenceShape.Event })
        {
            row.Add("end_date", ImportMessages.EndDateOnEvent(kind.Name));
            endOk = false;
        }
        else if (end is { } e && start is { } s && e < s)
        {
            row.Add("end_date", ImportMessages.EndBeforeStart(e, s));
            endOk = false;
        }

        EvidenceStatus? status = null;
        if (row.Required("status") is { } statusText)
        {
            status = statusText switch
            {
                "verified" => EvidenceStatus.Verified,
                "pending" => EvidenceStatus.Pending,
                "rejected" => EvidenceStatus.Rejected,
                "revoked" => EvidenceStatus.Revoked,
                _ => null,
            };
            if (status is null)
            {
                row.Add("status", ImportMessages.BadStatus(statusText));
            }
        }

        var recordedOn = row.Date("recorded_on");
        var attributes = kind is null || scheme is null ? null : row.Attributes(kind.Attributes, catalog.EvidenceAttributeNames, scheme.Id.Value, kind.Name);

        if (id is not { } evidenceId || participant is not { } who || terms is null || kind is null || start is not { } startDate
            || !endOk || status is not { } st || recordedOn is not { } recorded || attributes is null)
        {
            return null;
        }

        return ((evidenceId, recorded), new EvidenceVersion(evidenceId, who, terms.Id, kind.Name, startDate, end, st, recorded, attributes));
    }

    private static TId? Id<TId>(RowContext row, string column, Func<string, ParseResult<TId>> parse)
        where TId : struct
    {
        if (row.Required(column) is not { } text)
        {
            return null;
        }

        var parsed = parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        row.Add(column, ImportMessages.BadId(column, parsed.Error!));
        return null;
    }
}
