using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Pbr.Cli.Tests.Settlement;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Import;
using Pbr.TestKit;
using Pbr.TestKit.Fuzzing;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// Issue 8, item 5, "never a partial load", at the database: mutated participants and evidence
/// files (the fuzz harness's catalogue, each file with ids of its own so that a clean one loads
/// new rows) through the real <c>pbr import</c>. Every case ends in exit 0 with the whole file
/// loaded (or, with <c>--skip-bad-rows</c>, exactly its good rows), or exit 2 with
/// <c>file(line,column)</c> errors and the tables unchanged to the byte.
/// </summary>
[Category("Faults")]
public sealed partial class ImportAtomicityFuzzTests : SampleLedgerFixture
{
    // 50 in CI; the long run (PBR_FUZZ_CASES=10000) does 250.
    private static int Cases => Math.Max(50, FuzzSettings.Cases / 40);

    [Test]
    public async Task Import_MutatedFiles_WholeFileOrNothing()
    {
        var compilation = TariffCompiler.Compile([new SourceFile("work-programme.pbr", await File.ReadAllTextAsync(Sample("work-programme.pbr")))]);
        var catalog = new ImportCatalog(compilation.Contracts, compilation.Schemes);
        var exits = new SortedDictionary<string, int>(StringComparer.Ordinal);
        Assert.That((await ReadAsync("participants", Original("participants", 0), "p.csv", catalog)).IsClean, Is.True, "the participants original is valid");
        Assert.That((await ReadAsync("evidence", Original("evidence", 1), "e.csv", catalog)).IsClean, Is.True, "the evidence original is valid");
        var indexes = FuzzSettings.OnlyCase is { } only ? [only] : Enumerable.Range(0, Cases);
        foreach (var index in indexes)
        {
            var kind = index % 2 == 0 ? "participants" : "evidence";
            var fuzzCase = FuzzRunner.Make("pbr import " + kind, FuzzSettings.Seed, index, [Original(kind, index)]);
            var outcome = await RunCaseAsync(fuzzCase, kind, skipBadRows: index % 5 == 4, catalog);
            exits[outcome] = exits.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Out.WriteLine($"pbr import, {indexes.Count()} mutated files: " + string.Join(", ", exits.Select(e => $"{e.Key} {e.Value}")));
        if (FuzzSettings.OnlyCase is null)
        {
            Assert.That(exits.Keys, Is.SupersetOf(new[] { "exit 0, loaded", "exit 2, nothing loaded" }), "the campaign reached both outcomes");
        }
    }

    private async Task<string> RunCaseAsync(FuzzCase fuzzCase, string kind, bool skipBadRows, ImportCatalog catalog)
    {
        var file = TempFile($"{fuzzCase.Index:D4}-{kind}.csv");
        var rejects = file + ".rejects.csv";
        await File.WriteAllBytesAsync(file, fuzzCase.Input);
        var expected = await ReadAsync(kind, fuzzCase.Input, file, catalog);
        var before = await SnapshotAsync();

        string[] arguments = skipBadRows ? ["import", kind, file, "--skip-bad-rows", "--rejects", rejects] : ["import", kind, file];
        var result = await Pbr(arguments);
        var after = await SnapshotAsync();
        var label = $"{fuzzCase.Label}{(skipBadRows ? " --skip-bad-rows" : string.Empty)}: {result}";

        switch (result.ExitCode)
        {
            case 2:
                Assert.That(Located().IsMatch(result.StandardError.Replace(file, "FILE", StringComparison.Ordinal)), Is.True, "an error with file, line and column: " + label);
                Assert.That(after, Is.EqualTo(before), "tables unchanged: " + label);
                Assert.That(expected.IsClean || (skipBadRows && expected.CanSkipBadRows), Is.False, "refused a file the reader accepts: " + label);
                return "exit 2, nothing loaded";
            case 0:
                Assert.That(expected.IsClean || (skipBadRows && expected.CanSkipBadRows), Is.True, "loaded a file the reader refuses: " + label);
                var table = kind == "participants" ? "participants" : "evidence_versions";
                var other = kind == "participants" ? "evidence_versions" : "participants";
                Assert.That(after[other], Is.EqualTo(before[other]), label);
                if (after["imports"].Count == before["imports"].Count)
                {
                    // "Nothing changed": every good row was already held.
                    Assert.That(after, Is.EqualTo(before), label);
                    return "exit 0, all already held";
                }

                var import = await LatestImportAsync();
                Assert.That(after["imports"].Count, Is.EqualTo(before["imports"].Count + 1), label);
                Assert.That(import.RowCount, Is.EqualTo(expected.Rows.Length), "every good row of the file counted: " + label);
                Assert.That(import.Inserted + import.Existing, Is.EqualTo(import.RowCount), label);
                Assert.That(after[table].Count - before[table].Count, Is.EqualTo(import.Inserted), "every new row loaded: " + label);
                Assert.That(import.Rejected, Is.EqualTo(expected.Rejected.Length), label);
                if (expected.Rejected.Length > 0)
                {
                    Assert.That(CountRecords(rejects), Is.EqualTo(expected.Rejected.Length + 1), "each rejected row in the rejects file: " + label);
                }

                return expected.IsClean ? "exit 0, loaded" : "exit 0, good rows loaded";
            default:
                Assert.Fail("exit " + result.ExitCode + ": " + label);
                return string.Empty;
        }
    }

    private async Task<ImportResult<int>> ReadAsync(string kind, byte[] bytes, string file, ImportCatalog catalog)
    {
        // The reader decides what the file holds; the test checks the database holds all of it or none.
        if (kind == "participants")
        {
            return Shape(ParticipantsReader.Read(new MemoryStream(bytes), file, catalog));
        }

        await using var connection = await Database.OpenAsync();
        var starts = (await connection.QueryAsync<(string Contract, string Participant, string Start)>("SELECT contract_id, participant_id, to_char(start_date, 'YYYY-MM-DD') FROM participants"))
            .ToDictionary(p => (p.Contract, p.Participant), p => NodaTime.Text.LocalDatePattern.Iso.Parse(p.Start).Value);
        return Shape(EvidenceReader.Read(new MemoryStream(bytes), file, catalog, (c, p) => starts.TryGetValue((c.Value, p.Value), out var s) ? s : null));
    }

    private static ImportResult<int> Shape<T>(ImportResult<T> r) =>
        new(r.FileName, r.Header, [.. r.Rows.Select(x => new ImportedRow<int>(x.Line, 0))], r.Rejected, r.Problems, r.FileProblems, r.DuplicateRows);

    private async Task<Dictionary<string, (long Count, string Digest)>> SnapshotAsync()
    {
        await using var connection = await Database.OpenAsync();
        var snapshot = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in new[] { "participants", "evidence_versions", "imports" })
        {
            snapshot[table] = await connection.QuerySingleAsync<(long, string)>(
                $"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {table} t");
        }

        return snapshot;
    }

    private async Task<(int RowCount, int Inserted, int Existing, int Rejected)> LatestImportAsync()
    {
        await using var connection = await Database.OpenAsync();
        return await connection.QuerySingleAsync<(int, int, int, int)>(
            "SELECT row_count, inserted_count, existing_count, rejected_count FROM imports ORDER BY import_id DESC LIMIT 1");
    }

    // RFC 4180 records: line ends outside quotes (a doubled quote toggles twice). Independent of the writer.
    private static int CountRecords(string file)
    {
        var text = File.ReadAllText(file);
        var (records, quoted) = (0, false);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\n' when !quoted:
                case '\r' when !quoted && (i + 1 == text.Length || text[i + 1] != '\n'):
                    records++;
                    break;
            }
        }

        return records + (text.Length > 0 && text[^1] is not ('\n' or '\r') ? 1 : 0);
    }

    // A valid file with ids of its own: 30 new participants, or 20 new evidence versions about sample participants.
    private static byte[] Original(string kind, int index)
    {
        var text = new StringBuilder();
        string[] groups = ["JSA 18-24", "JSA 25+", "ESA Ex-IB", "IB/IS"];
        if (kind == "participants")
        {
            text.Append("participant_id,contract_id,start_date,payment_group\n");
            for (var n = 0; n < 30; n++)
            {
                text.Append(CultureInfo.InvariantCulture, $"Z{index:D4}-{n:D2},WP-CPA{1 + (n % 2)}-{(n % 2 == 0 ? "ALPHA" : "BETA")},2012-{1 + (n % 12):D2}-{1 + (n % 28):D2},{groups[n % groups.Length]}\n");
            }
        }
        else
        {
            text.Append("evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n");
            for (var n = 0; n < 20; n++)
            {
                text.Append(CultureInfo.InvariantCulture, $"ZE{index:D4}-{n:D2},A{1 + n:D6},WP-CPA1-ALPHA,employment,2016-{4 + (n % 6):D2}-01,,verified,2016-10-{1 + n:D2}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [GeneratedRegex(@"(^|\n)FILE\(\d+,\d+\): error PBR5\d{3}: ")]
    private static partial Regex Located();
}
