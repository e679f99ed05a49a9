using Dapper;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Ledger.Postgres.Tests.Inputs;

/// <summary>Imports through binary COPY and one set-based insert (RELIABILITY tests 2, 3 and 7).</summary>
public sealed class InputStoreTests : LedgerFixture
{
    private static readonly LocalDate Start = new(2024, 1, 10);

    [Test]
    public async Task ImportParticipantsAsync_SameFileTwice_SecondIsANoOpAndLeavesNoImportRow()
    {
        var c = NewContract();
        var rows = new[] { Rows.Participant("A1", Start), Rows.Participant("B1", Start) };

        var first = await ImportParticipantsAsync(c, rows);
        var second = await ImportParticipantsAsync(c, rows);

        Assert.That((first.Inserted, first.Existing), Is.EqualTo((2, 0)));
        Assert.That((second.IsNoOp, second.Inserted, second.Existing), Is.EqualTo((true, 0, 2)));
        await using var connection = await Database.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM imports WHERE import_id = @id", new { id = first.ImportId }), Is.EqualTo(1));
        Assert.That(await CountAsync("participants", c), Is.EqualTo(2));
    }

    [Test]
    public async Task ImportEvidenceAsync_SameKeyDifferentContent_ConflictNamingTheLine_NothingLoaded()
    {
        // RELIABILITY 2. The file's second data row (line 3) is E1 recorded 2024-02-05 again, now pending.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start)]);
        var held = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        await ImportEvidenceAsync(c, [held]);
        var fresh = Rows.Employment("E2", "A1", new LocalDate(2024, 3, 1), null, new LocalDate(2024, 3, 5));

        var outcome = await ImportEvidenceAsync(c, [fresh, held with { Status = EvidenceStatus.Pending }]);

        Assert.That(outcome.Conflicts.Length, Is.EqualTo(1));
        Assert.That(outcome.Conflicts[0], Is.EqualTo(new Pbr.Ledger.Postgres.Inputs.ImportConflict(
            3, "evidence_id", "evidence 'E1' recorded on 2024-02-05 is already held with different content; a new version needs a new recorded_on")));
        Assert.That(await CountAsync("evidence_versions", c), Is.EqualTo(1), "E2 was not loaded either");
    }

    [Test]
    public async Task ImportEvidenceAsync_NewRecordedOnForAnExistingId_IsANewVersion()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start)]);
        var v1 = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));

        await ImportEvidenceAsync(c, [v1]);
        var outcome = await ImportEvidenceAsync(c, [v1, v1 with { Status = EvidenceStatus.Revoked, RecordedOn = new LocalDate(2024, 4, 1) }]);

        Assert.That((outcome.Inserted, outcome.Existing), Is.EqualTo((1, 1)));
        Assert.That(await CountAsync("evidence_versions", c), Is.EqualTo(2));
    }

    [Test]
    public async Task ImportEvidenceAsync_IdenticalDuplicateRowsInOneFile_OneEffect()
    {
        // RELIABILITY 3: the same row twice in a file is loaded once.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start)]);
        var row = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));

        var outcome = await ImportEvidenceAsync(c, [row, row]);

        Assert.That(outcome.Inserted, Is.EqualTo(1));
        Assert.That(await CountAsync("evidence_versions", c), Is.EqualTo(1));
    }

    [Test]
    public async Task ImportEvidenceAsync_SameKeyDifferentContentWithinTheFile_ConflictAtTheLaterLine_NothingLoaded()
    {
        // RELIABILITY 3: E1 recorded 2024-02-05 on line 2, and again on line 4, now pending.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start)]);
        var e1 = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var e2 = Rows.Employment("E2", "A1", new LocalDate(2024, 3, 1), null, new LocalDate(2024, 3, 5));

        var outcome = await ImportEvidenceAsync(c, [e1, e2, e1 with { Status = EvidenceStatus.Pending }]);

        Assert.That(outcome.Conflicts, Is.EqualTo(new[]
        {
            new Pbr.Ledger.Postgres.Inputs.ImportConflict(4, "evidence_id", "evidence 'E1' recorded on 2024-02-05 appears earlier in the file with different content"),
        }));
        Assert.That(await CountAsync("evidence_versions", c), Is.Zero);
    }

    [Test]
    public async Task ImportEvidenceAsync_EvidenceIdOnTwoParticipantsWithinTheFile_TheEarliestLineOwnsIt()
    {
        // Line 2 gives E1 to B1 with the later recorded_on; line 3 gives an earlier version to A1.
        // The owner is the participant of the earliest line, whatever the dates say.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start)]);

        var outcome = await ImportEvidenceAsync(c, [
            Rows.Employment("E1", "B1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 3, 5)),
            Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)),
            Rows.Employment("E1", "B1", new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 20), new LocalDate(2024, 4, 1))]);

        Assert.That(outcome.Conflicts, Is.EqualTo(new[]
        {
            new Pbr.Ledger.Postgres.Inputs.ImportConflict(3, "participant_id", "evidence 'E1' belongs to another participant; an evidence id cannot move"),
        }));
        Assert.That(await CountAsync("evidence_versions", c), Is.Zero);
    }

    [Test]
    public async Task ImportEvidenceAsync_VersionsOutOfOrderAndRepeated_EachVersionStoredOnce()
    {
        // RELIABILITY 3: versions in any order, identical rows repeated; each (id, recorded_on) is stored once.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start)]);
        var e2Late = Rows.Employment("E2", "B1", new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 1), new LocalDate(2024, 4, 1));
        var e1 = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var e2Early = Rows.Employment("E2", "B1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 6));

        var outcome = await ImportEvidenceAsync(c, [e2Late, e1, e2Early, e1, e2Late]);

        Assert.That((outcome.Inserted, outcome.Existing, outcome.Conflicts.Length), Is.EqualTo((3, 0, 0)));
        await using var connection = await Database.OpenAsync();
        var stored = await connection.QueryAsync<(string, string, string?)>(
            "SELECT evidence_id, participant_id, end_date::text FROM evidence_versions WHERE contract_id = @c ORDER BY evidence_id, recorded_on", new { c = c.Id.Value });
        Assert.That(stored, Is.EqualTo(new (string, string, string?)[] { ("E1", "A1", null), ("E2", "B1", null), ("E2", "B1", "2024-03-01") }));
    }

    [Test]
    public async Task ImportParticipantsAsync_DifferentDuplicatesInOneFile_ErrorAtTheSecondLine_NothingLoaded()
    {
        // RELIABILITY 3: A1 on line 2 and again, with another start date, on line 4.
        var c = NewContract();

        var outcome = await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start), Rows.Participant("A1", Start.PlusDays(1))]);

        Assert.That(outcome.Conflicts.Select(x => (x.Line, x.Column)), Is.EqualTo(new[] { (4, "participant_id") }));
        Assert.That(outcome.Conflicts[0].Message, Does.Contain("appears earlier in the file with different content"));
        Assert.That(await CountAsync("participants", c), Is.Zero);
    }

    [Test]
    public async Task ImportEvidenceAsync_UnknownParticipant_ErrorAtTheLine_NothingLoaded()
    {
        // RELIABILITY 7: evidence about a participant the contract does not hold.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start)]);

        var outcome = await ImportEvidenceAsync(c, [
            Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5)),
            Rows.Employment("E2", "ZZ", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);

        Assert.That(outcome.Conflicts, Is.EqualTo(new[]
        {
            new Pbr.Ledger.Postgres.Inputs.ImportConflict(3, "participant_id", $"participant 'ZZ' is not a participant of contract {c.Id}; import participants first"),
        }));
        Assert.That(await CountAsync("evidence_versions", c), Is.Zero);
    }

    [Test]
    public async Task ImportEvidenceAsync_EvidenceIdMovingToAnotherParticipant_Conflict()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", Start), Rows.Participant("B1", Start)]);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);

        var outcome = await ImportEvidenceAsync(c, [Rows.Employment("E1", "B1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 3, 5))]);

        Assert.That(outcome.Conflicts.Single().Message, Is.EqualTo("evidence 'E1' belongs to another participant; an evidence id cannot move"));
    }

    [Test]
    public async Task ImportParticipantsAsync_UnicodeAttribute_RoundTripsWithTheSameContentHash()
    {
        // RELIABILITY 9 in part: the stored hash is the engine's hash of the row as read back.
        var c = NewContract();
        var row = Rows.Participant("A1", Start, "h\u00e9\u00a0rd");
        await ImportParticipantsAsync(c, [row]);

        await using var connection = await Database.OpenAsync();
        var stored = await connection.ExecuteScalarAsync<string>("SELECT encode(content_sha256, 'hex') FROM participants WHERE contract_id = @c", new { c = c.Id.Value });
        var attributes = await connection.ExecuteScalarAsync<string>("SELECT attributes->>'payment_group' FROM participants WHERE contract_id = @c", new { c = c.Id.Value });

        Assert.That(attributes, Is.EqualTo("h\u00e9\u00a0rd"));
        Assert.That(stored, Is.EqualTo(Pbr.Engine.Hashing.RowHashes.Of(In(c, row))));
    }
}
