using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Import;

/// <summary>
/// Reads <c>participants.csv</c> (DESIGN §4) into <see cref="Participant"/> values, checking every
/// row against the catalog: ids, known contracts, start dates within the contract's dates, and
/// exactly the attributes the contract's scheme declares. Pure: text in, result out.
/// </summary>
public static class ParticipantsReader
{
    /// <summary>The columns every participants file has, whatever the scheme.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } = ["participant_id", "contract_id", "start_date"];

    /// <summary>Reads a UTF-8 stream; bytes that are not UTF-8 are reported, not guessed at.</summary>
    public static ImportResult<Participant> Read(Stream stream, string fileName, ImportCatalog catalog) =>
        Run(CsvSource.Read(stream, fileName), fileName, catalog);

    /// <summary>Reads text that is already decoded.</summary>
    public static ImportResult<Participant> Read(TextReader reader, string fileName, ImportCatalog catalog) =>
        Run(CsvSource.Read(reader, fileName), fileName, catalog);

    private static ImportResult<Participant> Run(IEnumerable<SourceRecord> records, string fileName, ImportCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return CsvImport.Run<(ContractId, ParticipantId), Participant>(
            records,
            fileName,
            "participants",
            FixedColumns,
            catalog.ParticipantAttributeNames,
            row => Check(row, catalog),
            (a, b) => a.StartDate == b.StartDate && a.Attributes.SequenceEqual(b.Attributes),
            (key, firstLine) => ("participant_id", ImportMessages.DuplicateParticipant(key.Item2.Value, key.Item1.Value, firstLine)),

            // Extracts list participants by id, the contracts interleaved.
            (a, b) => a.Item2.CompareTo(b.Item2) is var c and not 0 ? c : a.Item1.CompareTo(b.Item1));
    }

    private static ((ContractId, ParticipantId) Key, Participant Value)? Check(RowContext row, ImportCatalog catalog)
    {
        ParticipantId? id = null;
        if (row.Required("participant_id") is { } idText)
        {
            var parsed = ParticipantId.Parse(idText);
            if (parsed.Success)
            {
                id = parsed.Value;
            }
            else
            {
                row.Add("participant_id", ImportMessages.BadId("participant_id", parsed.Error!));
            }
        }

        ContractTerms? terms = null;
        Pbr.Dsl.ISchemeRules? scheme = null;
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

        var start = row.Date("start_date");
        if (start is { } day && terms is not null && (day < terms.StartsOn || day > terms.EndsOn))
        {
            row.Add("start_date", ImportMessages.StartOutsideContract(day, terms.Id.Value, terms.StartsOn, terms.EndsOn));
        }

        var attributes = scheme is null ? null : row.Attributes(scheme.ParticipantAttributes, catalog.ParticipantAttributeNames, scheme.Id.Value, string.Empty);
        if (id is not { } participant || terms is null || start is not { } startDate || attributes is null)
        {
            return null;
        }

        return ((terms.Id, participant), new Participant(participant, terms.Id, startDate, attributes));
    }
}
