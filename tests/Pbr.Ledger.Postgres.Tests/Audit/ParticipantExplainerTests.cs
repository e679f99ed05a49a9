using System.Collections.Immutable;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Explaining;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tariffs;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Audit;

/// <summary>
/// <c>pbr explain</c> on a Work Programme participant paid in December 2011 whose employment is
/// revoked in January 2012: each posted line with its reason, the clawback naming the revocation.
/// </summary>
public sealed class ParticipantExplainerTests : DatabaseFixture
{
    private static readonly ContractId Alpha = new("WP-CPA1-ALPHA");
    private static readonly ParticipantId P1 = new("P1");
    private NpgsqlDataSource _app = null!;

    [OneTimeSetUp]
    public async Task PayThenClawBackAsync()
    {
        _app = PbrDataSource.Create(Database.AsRole("pbr_app").ConnectionString);
        var compilation = TariffCompiler.Compile([new SourceFile("work-programme.pbr", await File.ReadAllTextAsync(Samples.WorkProgramme))]);
        await new TariffStore(_app).PublishAsync(compilation);
        var catalog = new CompiledTariffCatalog(compilation);
        var inputs = new InputStore(_app);
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("payment_group", "JSA 18-24")]);
        await inputs.ImportParticipantsAsync(new ImportFile("p.csv", new string('d', 64), 0), [new(2, new Participant(P1, Alpha, new LocalDate(2011, 6, 1), attributes))]);
        var spell = new EvidenceVersion(new EvidenceId("E1"), P1, Alpha, "employment", new LocalDate(2011, 6, 1), null, EvidenceStatus.Verified,
            new LocalDate(2011, 6, 10), ImmutableSortedDictionary<string, string>.Empty);
        await inputs.ImportEvidenceAsync(new ImportFile("e1.csv", new string('e', 64), 0), [new(2, spell)]);
        var runner = new SettlementRunner(_app, TransientRetry.Create(3, TimeSpan.FromMilliseconds(10)), null);
        await runner.SettleAsync(new SettleRequest(new LocalDate(2011, 12, 31), new LocalDate(2011, 12, 31), [Alpha], false, false), catalog);
        var revoked = spell with { Status = EvidenceStatus.Revoked, RecordedOn = new LocalDate(2012, 1, 15) };
        await inputs.ImportEvidenceAsync(new ImportFile("e2.csv", new string('f', 64), 0), [new(2, revoked)]);
        await runner.SettleAsync(new SettleRequest(new LocalDate(2012, 1, 31), new LocalDate(2012, 1, 31), [Alpha], false, false), catalog);
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ExplainAsync_PaidThenRevoked_EveryPostedLineWithItsReason()
    {
        var trace = await ExplainAsync(new LocalDate(2012, 1, 31));

        // December: attachment £400.00 (2011-06-01, year 1 at 100%), job outcome £1,200.00 on
        // 2011-11-29 (26 weeks = 182 days), sustainment 1 £170.00 on 2011-12-27. January: both
        // employment-based lines clawed back when E1's revoked version became known.
        Assert.That(
            trace!.Posted.Select(p => (p.Outcome, p.Instalment, p.Kind, p.Amount.Pence)),
            Is.EqualTo(new[]
            {
                ("attachment", 1, "payment", 40_000L),
                ("job_outcome", 1, "payment", 120_000L),
                ("sustainment", 1, "payment", 17_000L),
                ("job_outcome", 1, "clawback", -120_000L),
                ("sustainment", 1, "clawback", -17_000L),
            }));
        var job = trace.Posted[1];
        Assert.That(job.Reason, Does.StartWith("first payment: £1,200.00 became due as of 2011-12-31"));
        Assert.That(job.Explanation!.Steps.Select(s => s.Kind), Does.Contain("evidence").And.Contain("table"));
        var clawback = trace.Posted[3];
        Assert.That(clawback.DueAtRun, Is.EqualTo(Money.Zero));
        Assert.That(clawback.PostedBefore.Pence, Is.EqualTo(120_000L));
        Assert.That(clawback.Reason, Does.Contain("nothing is due").And.Contain("employment E1 recorded 2012-01-15 as revoked"));
    }

    [Test]
    public async Task ExplainAsync_AfterTheClawback_OnlyTheAttachmentIsDueAndNothingOutstanding()
    {
        var trace = await ExplainAsync(new LocalDate(2012, 1, 31));

        Assert.That(trace!.DueNow.Select(d => (d.Outcome, d.Amount.Pence, d.Outstanding.Pence)), Is.EqualTo(new[] { ("attachment", 40_000L, 0L) }));
        Assert.That(trace.Problems, Is.Empty);
    }

    [Test]
    public async Task ExplainAsync_UnknownParticipant_IsNull()
    {
        await using var auditor = PbrDataSource.Create(Database.AsRole("pbr_auditor").ConnectionString);

        var trace = await new ParticipantExplainer(auditor).ExplainAsync(Alpha, new ParticipantId("NOBODY"), new LocalDate(2012, 1, 31), new LocalDate(2012, 1, 31));

        Assert.That(trace, Is.Null);
    }

    [Test]
    public async Task TraceJson_Write_NamesTheSchemaVersionAndEveryPostedLine()
    {
        var trace = await ExplainAsync(new LocalDate(2012, 1, 31));
        using var stream = new MemoryStream();

        TraceJson.Write(stream, trace!);

        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        Assert.That(json.RootElement.GetProperty("schema").GetString(), Is.EqualTo("pbr.trace.v1"));
        var posted = json.RootElement.GetProperty("posted");
        Assert.That(posted.GetArrayLength(), Is.EqualTo(5));
        Assert.That(posted[3].GetProperty("amount").GetString(), Is.EqualTo("-1200.00"));
        Assert.That(posted[1].GetProperty("explanation").GetProperty("rounding").GetString(), Is.EqualTo("half_away_from_zero"));
    }

    private async Task<ParticipantTrace?> ExplainAsync(LocalDate asOf)
    {
        await using var auditor = PbrDataSource.Create(Database.AsRole("pbr_auditor").ConnectionString);
        return await new ParticipantExplainer(auditor).ExplainAsync(Alpha, P1, asOf, asOf);
    }
}
