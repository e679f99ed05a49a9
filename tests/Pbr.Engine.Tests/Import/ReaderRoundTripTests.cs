using System.Globalization;
using CsvHelper;
using FsCheck;
using FsCheck.Fluent;
using Pbr.Core.Model;
using Pbr.Engine.Import;
using Pbr.TestKit.Reference;

namespace Pbr.Engine.Tests.Import;

/// <summary>
/// Whatever valid timelines the generators make, written as CSV with the columns in any order,
/// quoted or not, with CRLF or LF, read back as exactly the same participants and versions.
/// </summary>
public sealed class ReaderRoundTripTests
{
    private static readonly string[] ParticipantColumns = ["participant_id", "contract_id", "start_date", "payment_group"];

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property Read_WrittenTimeline_GivesItBack() =>
        Prop.ForAll(
            Arb.Zip(TimelineArbitraries.WorkProgrammeCases(), Gen.Choose(0, 1_000_000).ToArbitrary()),
            pair =>
            {
                var (c, layout) = pair;
                var participantsCsv = Write(ParticipantColumns, [ParticipantFields(c.Participant)], layout);
                var evidenceCsv = Write([.. EvidenceReader.FixedColumns], [.. c.Evidence.Select(EvidenceFields)], layout + 1);

                var people = ParticipantsReader.Read(new StringReader(participantsCsv), "participants.csv", Catalogs.Samples);
                var evidence = EvidenceReader.Read(
                    new StringReader(evidenceCsv),
                    "evidence.csv",
                    Catalogs.Samples,
                    (contract, id) => contract == c.Participant.Contract && id == c.Participant.Id ? c.Participant.StartDate : null);

                var person = people.Rows.Single().Value;
                return (people.IsClean
                        && evidence.IsClean
                        && person.Id == c.Participant.Id
                        && person.StartDate == c.Participant.StartDate
                        && person.Attributes.SequenceEqual(c.Participant.Attributes)
                        && evidence.Rows.Select(r => EvidenceFields(r.Value)).SequenceEqual(c.Evidence.Select(EvidenceFields), new FieldsComparer()))
                    .Label(string.Join(Environment.NewLine, people.Problems.Concat(evidence.Problems)));
            });

    private static string[] ParticipantFields(Participant p) =>
        [p.Id.Value, p.Contract.Value, Iso(p.StartDate), p.Attributes["payment_group"]];

    private static string[] EvidenceFields(EvidenceVersion v) =>
        [v.Id.Value, v.Participant.Value, v.Contract.Value, v.Kind, Iso(v.StartDate), v.EndDate is { } e ? Iso(e) : string.Empty,
            v.Status.ToString().ToLowerInvariant(), Iso(v.RecordedOn)];

    // Writes the rows with the columns in an order, quoting and line ending chosen by `layout`.
    private static string Write(string[] columns, string[][] rows, int layout)
    {
        var order = columns.Select((c, i) => (c, i)).OrderBy(x => (x.i * 7919 + layout) % 13).Select(x => x.i).ToArray();
        var options = CsvWriterOptions.Default with
        {
            NewLine = layout % 2 == 0 ? "\n" : "\r\n",
            Quoting = layout % 3 == 0 ? CsvQuoting.Always : CsvQuoting.WhenNeeded,
        };
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            csv.WriteRecord([.. order.Select(i => columns[i])]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. order.Select(i => row[i])]);
            }
        }

        return text.ToString();
    }

    private static string Iso(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class FieldsComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(string[] obj) => obj.Length;
    }
}
