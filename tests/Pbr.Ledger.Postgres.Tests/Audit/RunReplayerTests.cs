using System.Collections.Immutable;
using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tariffs;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Audit;

/// <summary>
/// <c>pbr replay</c> on two Work Programme runs (RELIABILITY test 18, DESIGN invariant 5): both replay
/// identically, even after backdated evidence arrives later; an input edited behind the ledger's back
/// makes the replay differ, and says where.
/// </summary>
[NonParallelizable]
public sealed class RunReplayerTests : DatabaseFixture
{
    private static readonly ContractId Alpha = new("WP-CPA1-ALPHA");
    private NpgsqlDataSource _app = null!;
    private ImmutableArray<RunId> _runs;

    [OneTimeSetUp]
    public async Task SettleTwoMonthsAsync()
    {
        _app = PbrDataSource.Create(Database.AsRole("pbr_app").ConnectionString);
        var compilation = TariffCompiler.Compile([new SourceFile("work-programme.pbr", await System.IO.File.ReadAllTextAsync(Samples.WorkProgramme))]);
        Assert.That(compilation.HasErrors, Is.False, compilation.Render());
        await new TariffStore(_app).PublishAsync(compilation);
        var catalog = new CompiledTariffCatalog(compilation);
        var inputs = new InputStore(_app);
        await inputs.ImportParticipantsAsync(File("participants.csv"), [
            Row(2, Participant("P1", new LocalDate(2011, 6, 1), "JSA 18-24")),
            Row(3, Participant("P2", new LocalDate(2011, 7, 1), "ESA Ex-IB"))]);
        await inputs.ImportEvidenceAsync(File("evidence-1.csv"), [Row(2, Employment("E1", "P1", new LocalDate(2011, 6, 1), new LocalDate(2011, 6, 10)))]);

        // September: P1 and P2 attachments only (£400.00 + £600.00, both in financial year 2011-12 at 100%).
        var september = await SettleAsync(catalog, new LocalDate(2011, 9, 30));
        await inputs.ImportEvidenceAsync(File("evidence-2.csv"), [Row(2, Employment("E2", "P2", new LocalDate(2011, 7, 1), new LocalDate(2011, 10, 5)))]);

        // December: P1 job £1,200.00 (due 2011-11-29) + sustainment 1 £170.00 (2011-12-27);
        // P2 job £3,500.00 (2011-09-29) + sustainments 1-3 at £370.00 (10-27, 11-24, 12-22) = £5,980.00.
        var december = await SettleAsync(catalog, new LocalDate(2011, 12, 31));
        Assert.That(september.Runs.Single().Plan.Header.Net.Pence, Is.EqualTo(100_000));
        Assert.That(december.Runs.Single().Plan.Header.Net.Pence, Is.EqualTo(598_000));
        _runs = [september.Runs.Single().RunId!.Value, december.Runs.Single().RunId!.Value];

        // A revocation of E1 recorded in November but imported after both runs: a fresh December run
        // would claw back, but a replay of the December run must not see it.
        var revoked = Employment("E1", "P1", new LocalDate(2011, 6, 1), new LocalDate(2011, 11, 1)) with { Status = EvidenceStatus.Revoked };
        await inputs.ImportEvidenceAsync(File("evidence-3.csv"), [Row(2, revoked)]);
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Test, Order(1)]
    public async Task ReplayAsync_EveryRun_IdenticalToThePenny()
    {
        var results = await ReplayAsAuditorAsync(null);

        Assert.That(results.Select(r => r.Run), Is.EqualTo(_runs));
        Assert.That(results.SelectMany(r => r.Differences), Is.Empty);
        Assert.That(results.Select(r => r.Lines), Is.EqualTo(new[] { 2, 6 }));
    }

    [Test, Order(2)]
    public async Task ReplayAsync_EvidenceEditedBehindTheLedger_ReportsTheDigestAndTheLines()
    {
        await using (var connection = await Database.OpenAsync())
        {
            // Only a superuser with the triggers switched off can do this: exactly what replay must catch.
            await connection.ExecuteAsync("ALTER TABLE evidence_versions DISABLE TRIGGER USER");
            await connection.ExecuteAsync("UPDATE evidence_versions SET end_date = '2011-08-31' WHERE evidence_id = 'E2'");
            await connection.ExecuteAsync("ALTER TABLE evidence_versions ENABLE ALWAYS TRIGGER evidence_versions_refuse_edit; ALTER TABLE evidence_versions ENABLE ALWAYS TRIGGER evidence_versions_refuse_truncate");
        }

        var december = (await ReplayAsAuditorAsync(_runs[1])).Single();

        Assert.That(december.Identical, Is.False);
        var subjects = december.Differences.Select(d => d.Subject).ToList();
        Assert.That(subjects, Does.Contain("input digest"));
        Assert.That(subjects, Does.Contain("(P2, sustainment, 1)"), "the spell now ends before the first block completes");
        Assert.That(subjects, Does.Contain("run hash"));
        var job = december.Differences.First(d => d.Subject == "(P2, sustainment, 1)");
        Assert.That(job.Posted, Does.StartWith("payment 370.00"));
        Assert.That(job.Recomputed, Is.EqualTo("-"));
    }

    private async Task<ImmutableArray<ReplayResult>> ReplayAsAuditorAsync(RunId? run)
    {
        await using var auditor = PbrDataSource.Create(Database.AsRole("pbr_auditor").ConnectionString);
        return await new RunReplayer(auditor).ReplayAsync(run);
    }

    private async Task<SettleOutcome> SettleAsync(ITariffCatalog catalog, LocalDate asOf)
    {
        var runner = new SettlementRunner(_app, TransientRetry.Create(3, TimeSpan.FromMilliseconds(10)), null);
        var outcome = await runner.SettleAsync(new SettleRequest(asOf, asOf, [Alpha], false, false), catalog);
        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
        return outcome;
    }

    private static ImportFile File(string name) => new(name, new string('c', 64), 0);

    private static ImportRow<T> Row<T>(int line, T row) => new(line, row);

    private static Participant Participant(string id, LocalDate start, string group) =>
        new(new ParticipantId(id), Alpha, start, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("payment_group", group)]));

    private static EvidenceVersion Employment(string id, string participant, LocalDate start, LocalDate recordedOn) =>
        new(new EvidenceId(id), new ParticipantId(participant), Alpha, "employment", start, null, EvidenceStatus.Verified, recordedOn,
            ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));
}
