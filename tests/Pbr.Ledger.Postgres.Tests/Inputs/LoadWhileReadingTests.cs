using System.Text;
using Dapper;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;
using Pbr.Engine.Import;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Inputs;

namespace Pbr.Ledger.Postgres.Tests.Inputs;

/// <summary>
/// A clean first load is copied while the file is read, under an imports row whose counts the read
/// must prove. Anything else (a bad or repeated row, a row in conflict with another, a row the table
/// refuses, a wrong count, a contract that holds rows or is busy) loads nothing, and says so.
/// </summary>
public sealed class LoadWhileReadingTests : LedgerFixture
{
    private const string EvidenceHeader = "evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n";
    private static readonly LocalDate Start = new(2024, 1, 10);

    [Test]
    public async Task LoadEvidenceWhileReading_CleanFirstLoad_LoadsEveryRowUnderTheCountedImport()
    {
        var c = await ContractWithParticipantsAsync();
        var csv = EvidenceHeader
            + $"E2,B1,{c.Id},employment,2024-03-01,2024-03-20,pending,2024-03-25\n"
            + $"E1,A1,{c.Id},employment,2024-02-01,,verified,2024-02-05\n"
            + $"E1,A1,{c.Id},employment,2024-02-01,2024-06-30,verified,2024-07-02\n";

        var attempt = await LoadEvidenceAsync(c, csv, rows: 3);

        Assert.That(attempt.Outcome, Is.Not.Null);
        Assert.That((attempt.Outcome!.Inserted, attempt.Outcome.Existing, attempt.Read!.Rows.Length), Is.EqualTo((3, 0, 3)));
        Assert.That(await ImportCountsAsync(attempt.Outcome.ImportId), Is.EqualTo((3, 3, 0, 0)));
        await using var connection = await Database.OpenAsync();
        var stored = (await connection.QueryAsync<(string, string)>(
            """
            SELECT concat_ws('|', evidence_id, recorded_on, participant_id, start_date, coalesce(end_date::text, '-'), status), encode(content_sha256, 'hex')
            FROM evidence_versions WHERE contract_id = @c ORDER BY evidence_id, recorded_on
            """,
            new { c = c.Id.Value })).ToArray();
        Assert.That(stored.Select(s => s.Item1), Is.EqualTo(new[]
        {
            "E1|2024-02-05|A1|2024-02-01|-|verified",
            "E1|2024-07-02|A1|2024-02-01|2024-06-30|verified",
            "E2|2024-03-25|B1|2024-03-01|2024-03-20|pending",
        }));
        Assert.That(stored.Select(s => s.Item2), Is.EqualTo(new[]
        {
            RowHashes.Of(In(c, Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)))),
            RowHashes.Of(In(c, Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 6, 30), new LocalDate(2024, 7, 2)))),
            RowHashes.Of(In(c, Rows.Employment("E2", "B1", new LocalDate(2024, 3, 1), new LocalDate(2024, 3, 20), new LocalDate(2024, 3, 25), EvidenceStatus.Pending))),
        }));
    }

    [Test]
    public async Task LoadParticipantsWhileReading_CleanFirstLoad_LoadsEveryRowUnderTheCountedImport()
    {
        var c = NewContract();
        var csv = "participant_id,contract_id,start_date,payment_group\r\n"
            + $"B1,{c.Id},2024-01-13,hard\r\n"
            + $"A1,{c.Id},2024-01-10,easy\r\n";

        var attempt = await new InputStore(App).LoadParticipantsWhileReadingAsync(
            FileNamed("participants.csv"), [c.Id], 2, accepted => ParticipantsReader.Read(Utf8(csv), "participants.csv", Catalog(c), accepted));

        Assert.That((attempt.Outcome?.Inserted, attempt.Outcome?.Existing), Is.EqualTo(((int?)2, (int?)0)));
        Assert.That(await ImportCountsAsync(attempt.Outcome!.ImportId), Is.EqualTo((2, 2, 0, 0)));
        await using var connection = await Database.OpenAsync();
        var stored = await connection.QueryAsync<string>(
            "SELECT participant_id || '|' || start_date || '|' || encode(content_sha256, 'hex') FROM participants WHERE contract_id = @c ORDER BY participant_id",
            new { c = c.Id.Value });
        Assert.That(stored, Is.EqualTo(new[]
        {
            $"A1|2024-01-10|{RowHashes.Of(In(c, Rows.Participant("A1", Start)))}",
            $"B1|2024-01-13|{RowHashes.Of(In(c, Rows.Participant("B1", Start.PlusDays(3), "hard")))}",
        }));
    }

    // Each file is read whole; none of them may leave a row or an imports row behind.
    [TestCase("bad status", "E1,A1,{0},employment,2024-02-01,,finished,2024-02-05\nE2,A1,{0},employment,2024-02-01,,verified,2024-02-06\n", 2)]
    [TestCase("a row repeated", "E1,A1,{0},employment,2024-02-01,,verified,2024-02-05\nE1,A1,{0},employment,2024-02-01,,verified,2024-02-05\n", 2)]
    [TestCase("an evidence id moving", "E1,A1,{0},employment,2024-02-01,,verified,2024-02-05\nE1,B1,{0},employment,2024-02-01,,revoked,2024-02-09\n", 2)]
    [TestCase("one row more than counted", "E1,A1,{0},employment,2024-02-01,,verified,2024-02-05\nE2,A1,{0},employment,2024-02-01,,verified,2024-02-06\n", 1)]
    [TestCase("one row fewer than counted", "E1,A1,{0},employment,2024-02-01,,verified,2024-02-05\nE2,A1,{0},employment,2024-02-01,,verified,2024-02-06\n", 3)]
    [TestCase("a participant the table does not hold", "E1,A1,{0},employment,2024-02-01,,verified,2024-02-05\nE2,ZZ,{0},employment,2024-02-01,,verified,2024-02-06\n", 2)]
    public async Task LoadEvidenceWhileReading_FileNotAsCounted_NothingLoaded_TheReadReturned(string why, string rows, int counted)
    {
        var c = await ContractWithParticipantsAsync();
        var before = await LastImportAsync();

        var attempt = await LoadEvidenceAsync(c, EvidenceHeader + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, c.Id), counted);

        Assert.That(attempt.Outcome, Is.Null, why);
        Assert.That(attempt.Read, Is.Not.Null, "the file was read, and its read is handed back for the usual load");
        Assert.That(await CountAsync("evidence_versions", c), Is.Zero);
        Assert.That(await LastImportAsync(), Is.EqualTo(before), "no imports row is left");
    }

    [Test]
    public async Task LoadEvidenceWhileReading_ContractHoldsEvidence_NotTried()
    {
        var c = await ContractWithParticipantsAsync();
        await ImportEvidenceAsync(c, [Rows.Employment("E9", "A1", new LocalDate(2024, 1, 15), null, new LocalDate(2024, 1, 16))]);
        var read = false;

        var attempt = await new InputStore(App).LoadEvidenceWhileReadingAsync(FileNamed("evidence.csv"), [c.Id], 1, _ =>
        {
            read = true;
            throw new AssertionException("a contract that holds evidence is never loaded while read");
        });

        Assert.That((attempt.Read, attempt.Outcome, read), Is.EqualTo(((ImportResult<EvidenceVersion>?)null, (ImportOutcome?)null, false)));
        Assert.That(await CountAsync("evidence_versions", c), Is.EqualTo(1));
    }

    [Test]
    public async Task LoadEvidenceWhileReading_ContractLockedByAnotherImportOrRun_NotTriedAndNotWaitedFor()
    {
        var c = await ContractWithParticipantsAsync();
        await using var other = await Database.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('pbr:contract:' || @c, 0))", new { c = c.Id.Value }, holding);

        var attempt = await new InputStore(App).LoadEvidenceWhileReadingAsync(
            FileNamed("evidence.csv"), [c.Id], 1, _ => throw new AssertionException("a busy contract is never loaded while read"));

        Assert.That((attempt.Read, attempt.Outcome), Is.EqualTo(((ImportResult<EvidenceVersion>?)null, (ImportOutcome?)null)));
    }

    private async Task<ContractTerms> ContractWithParticipantsAsync()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start)]);
        return c;
    }

    // The participants' start dates are said to be known for every id, ZZ included, so that the table's
    // own check is what refuses a participant it does not hold.
    private Task<ReadAndLoad<EvidenceVersion>> LoadEvidenceAsync(ContractTerms c, string csv, int rows) =>
        new InputStore(App).LoadEvidenceWhileReadingAsync(
            FileNamed("evidence.csv"), [c.Id], rows, accepted => EvidenceReader.Read(Utf8(csv), "evidence.csv", Catalog(c), (_, _) => Start, accepted));

    private static ImportCatalog Catalog(ContractTerms c) => new([c], [new ToyScheme()]);

    private static ImportFile FileNamed(string name) => new(name, new string('c', 64), 0);

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<long> LastImportAsync()
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(import_id), 0) FROM imports");
    }
}
