using Dapper;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Ledger.Postgres.Tests.Inputs;

/// <summary>
/// A contract's first load of a kind is copied straight into its table; any later load is staged and
/// compared with what is held. Both must store the same rows and count them the same way.
/// </summary>
public sealed class FirstLoadTests : LedgerFixture
{
    private static readonly LocalDate Start = new(2024, 1, 10);

    // Two versions of E1, E2 once, and E1's first version repeated: five lines, three keys.
    private static readonly EvidenceVersion[] EvidenceFile =
    [
        Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)),
        Rows.Employment("E2", "B1", new LocalDate(2024, 3, 1), new LocalDate(2024, 3, 20), new LocalDate(2024, 3, 25), EvidenceStatus.Pending),
        Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 6, 30), new LocalDate(2024, 7, 2)),
        Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)),
        Rows.Employment("E3", "B1", new LocalDate(2024, 4, 1), null, new LocalDate(2024, 4, 3), EvidenceStatus.Revoked),
    ];

    [Test]
    public async Task ImportEvidenceAsync_FirstLoadAndStagedLoad_SameRowsAndCounts()
    {
        var first = NewContract();
        var staged = NewContract();
        foreach (var c in new[] { first, staged })
        {
            await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start)]);
        }

        // The second contract already holds an unrelated version, so its load goes through staging.
        await ImportEvidenceAsync(staged, [Rows.Employment("E9", "A1", new LocalDate(2024, 1, 15), null, new LocalDate(2024, 1, 16))]);

        var firstOutcome = await ImportEvidenceAsync(first, EvidenceFile);
        var stagedOutcome = await ImportEvidenceAsync(staged, EvidenceFile);

        // Four distinct keys (E1 twice, E2, E3), all new; the repeated line is not counted as held.
        Assert.That((firstOutcome.Inserted, firstOutcome.Existing), Is.EqualTo((4, 0)));
        Assert.That((stagedOutcome.Inserted, stagedOutcome.Existing), Is.EqualTo((4, 0)));
        Assert.That(await ImportCountsAsync(firstOutcome.ImportId), Is.EqualTo((5, 4, 0, 0)));
        Assert.That(await ImportCountsAsync(stagedOutcome.ImportId), Is.EqualTo((5, 4, 0, 0)));
        var firstRows = await EvidenceRowsAsync(first, firstOutcome.ImportId);
        Assert.That(firstRows, Has.Length.EqualTo(4));
        Assert.That(firstRows, Is.EqualTo(await EvidenceRowsAsync(staged, stagedOutcome.ImportId)));
        Assert.That(firstRows.Select(r => r.Split('|')[0]), Is.EqualTo(new[] { "E1", "E1", "E2", "E3" }));

        // The content hash names the contract, so each is compared with the engine's hash of the row it stores.
        Assert.That(await HashesAsync("evidence_versions", first, firstOutcome.ImportId), Is.EqualTo(
            new[] { EvidenceFile[0], EvidenceFile[2], EvidenceFile[1], EvidenceFile[4] }.Select(e => RowHashes.Of(In(first, e)))));
        Assert.That(await HashesAsync("evidence_versions", staged, stagedOutcome.ImportId), Is.EqualTo(
            new[] { EvidenceFile[0], EvidenceFile[2], EvidenceFile[1], EvidenceFile[4] }.Select(e => RowHashes.Of(In(staged, e)))));
    }

    [Test]
    public async Task ImportEvidenceAsync_FirstLoadThenTheSameFile_SecondIsANoOp()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start)]);

        var first = await ImportEvidenceAsync(c, EvidenceFile);
        var again = await ImportEvidenceAsync(c, EvidenceFile);

        Assert.That((first.Inserted, again.IsNoOp, again.Existing, again.ImportId), Is.EqualTo((4, true, 4, (long?)null)));
        Assert.That(await CountAsync("evidence_versions", c), Is.EqualTo(4));
    }

    [Test]
    public async Task ImportEvidenceAsync_FirstLoadRefusedByTheTable_StagedToNameTheLine_NoImportLeft()
    {
        // ZZ is not a participant: the straight copy is refused by the table's trigger, then the
        // staged checks name line 4, and the imports row of the refused copy is rolled back with it.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start)]);
        await using var connection = await Database.OpenAsync();
        var importsBefore = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(import_id), 0) FROM imports");

        var outcome = await ImportEvidenceAsync(c, [
            Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)),
            Rows.Employment("E2", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 6)),
            Rows.Employment("E3", "ZZ", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);

        Assert.That((outcome.ImportId, outcome.Conflicts.Select(x => (x.Line, x.Column)).Single()), Is.EqualTo(((long?)null, (4, "participant_id"))));
        Assert.That(await CountAsync("evidence_versions", c), Is.Zero);
        var orphans = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM imports i WHERE i.import_id > @before AND NOT EXISTS (SELECT 1 FROM evidence_versions e WHERE e.import_id = i.import_id) AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.import_id = i.import_id)",
            new { before = importsBefore });
        Assert.That(orphans, Is.Zero, "no imports row without rows");
    }

    [Test]
    public async Task ImportParticipantsAsync_FirstLoadAndStagedLoad_SameRowsAndCounts()
    {
        var first = NewContract();
        var staged = NewContract();
        await ImportParticipantsAsync(staged, [Rows.Participant("Z9", Start)]);
        Participant[] file = [Rows.Participant("B1", Start.PlusDays(3), "hard"), Rows.Participant("A1", Start), Rows.Participant("B1", Start.PlusDays(3), "hard")];

        var firstOutcome = await ImportParticipantsAsync(first, file);
        var stagedOutcome = await ImportParticipantsAsync(staged, file);

        Assert.That(await ImportCountsAsync(firstOutcome.ImportId), Is.EqualTo((3, 2, 0, 0)));
        Assert.That(await ImportCountsAsync(stagedOutcome.ImportId), Is.EqualTo((3, 2, 0, 0)));
        const string RowsSql = "SELECT participant_id || '|' || start_date || '|' || attributes::text FROM participants WHERE contract_id = @c AND import_id = @i ORDER BY participant_id";
        await using var connection = await Database.OpenAsync();
        var firstRows = (await connection.QueryAsync<string>(RowsSql, new { c = first.Id.Value, i = firstOutcome.ImportId })).ToArray();
        var stagedRows = (await connection.QueryAsync<string>(RowsSql, new { c = staged.Id.Value, i = stagedOutcome.ImportId })).ToArray();
        Assert.That(firstRows.Select(r => r[..13]), Is.EqualTo(new[] { "A1|2024-01-10", "B1|2024-01-13" }));
        Assert.That(firstRows, Is.EqualTo(stagedRows));
        Assert.That(await HashesAsync("participants", first, firstOutcome.ImportId), Is.EqualTo(new[] { file[1], file[0] }.Select(p => RowHashes.Of(In(first, p)))));
        Assert.That(await HashesAsync("participants", staged, stagedOutcome.ImportId), Is.EqualTo(new[] { file[1], file[0] }.Select(p => RowHashes.Of(In(staged, p)))));
    }

    // Ordered by key: (participant_id) or (evidence_id, recorded_on).
    private async Task<string[]> HashesAsync(string table, ContractTerms contract, long? importId)
    {
        var order = table == "participants" ? "participant_id" : "evidence_id, recorded_on";
        await using var connection = await Database.OpenAsync();
        return [.. await connection.QueryAsync<string>(
            $"SELECT encode(content_sha256, 'hex') FROM {table} WHERE contract_id = @c AND import_id = @importId ORDER BY {order}", new { c = contract.Id.Value, importId })];
    }

    private async Task<(int Rows, int Inserted, int Existing, int Rejected)> ImportCountsAsync(long? importId)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.QuerySingleAsync<(int, int, int, int)>(
            "SELECT row_count, inserted_count, existing_count, rejected_count FROM imports WHERE import_id = @importId", new { importId });
    }

    private async Task<string[]> EvidenceRowsAsync(ContractTerms contract, long? importId)
    {
        await using var connection = await Database.OpenAsync();
        return [.. await connection.QueryAsync<string>(
            """
            SELECT concat_ws('|', evidence_id, recorded_on, participant_id, kind, start_date, coalesce(end_date::text, '-'), status, attributes::text)
            FROM evidence_versions WHERE contract_id = @c AND import_id = @importId ORDER BY evidence_id, recorded_on
            """,
            new { c = contract.Id.Value, importId })];
    }
}
