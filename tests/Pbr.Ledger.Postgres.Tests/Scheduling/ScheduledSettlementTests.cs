using Dapper;
using NodaTime;
using NodaTime.Testing;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Scheduling;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tests.Settlement;
using Polly;
using Polly.Retry;

namespace Pbr.Ledger.Postgres.Tests.Scheduling;

/// <summary>Scheduled fires against a real PostgreSQL, as the application role: claims, cancellation, retries, history.</summary>
public sealed class ScheduledSettlementTests : LedgerFixture
{
    // The fire of 02:00 London on 5 May 2024 (BST, so 01:00 UTC), as of the end of April, evidence known by 5 May.
    private static readonly Instant FireTime = Instant.FromUtc(2024, 5, 5, 1, 0);
    private static readonly LocalDate AsOf = new(2024, 4, 30);
    private static readonly LocalDate KnownAt = new(2024, 5, 5);

    [Test]
    public async Task RunAsync_TwoSchedulersSameFire_OneRunPerContract()
    {
        var a = await PayableContractAsync();
        var b = await PayableContractAsync();
        var fire = Fire("two-schedulers");
        var catalog = new ToyCatalog(a, b);

        // Both schedulers wake for the same fire at once.
        var first = Settlement("host-a").RunAsync(fire, [a.Id, b.Id], catalog);
        var second = Settlement("host-b").RunAsync(fire, [a.Id, b.Id], catalog);
        var results = (await Task.WhenAll(first, second)).SelectMany(r => r).ToList();

        Assert.That(await CountAsync("runs", a), Is.EqualTo(1));
        Assert.That(await CountAsync("runs", b), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Contract == a.Id && !r.ClaimedElsewhere), Is.EqualTo(1), "contract a claimed once");
        Assert.That(results.Count(r => r.Contract == b.Id && !r.ClaimedElsewhere), Is.EqualTo(1), "contract b claimed once");
        Assert.That(results.Count(r => r.ClaimedElsewhere), Is.EqualTo(2), "each contract skipped once by the other scheduler");
    }

    [Test]
    public async Task RunAsync_SameFireAgainAfterItPosted_ClaimedElsewhereAndNothingPosted()
    {
        var a = await PayableContractAsync();
        var fire = Fire("again");
        var catalog = new ToyCatalog(a);
        await Settlement("host-a").RunAsync(fire, [a.Id], catalog);

        var again = await Settlement("host-a").RunAsync(fire, [a.Id], catalog);

        Assert.That(again.Single().ClaimedElsewhere, Is.True);
        Assert.That(await CountAsync("runs", a), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_Posts_HistoryHoldsOutcomeRunIdAndLines()
    {
        // Start 2024-01-10, verified spell from 2024-02-01: £100 + £1,000 + 2 × £250 (due 03-28, 04-25, both by 04-30)
        // = 4 lines, £1,600.00 = 160000p.
        var a = await PayableContractAsync();
        var fire = Fire("history");

        var result = (await Settlement("host-a").RunAsync(fire, [a.Id], new ToyCatalog(a))).Single();

        var entry = (await new ScheduleHistory(App).ListAsync("history", 10)).Single();
        await using var connection = await Database.OpenAsync();
        var (runId, net) = await connection.QuerySingleAsync<(long, long)>("SELECT run_id, net_pence FROM runs WHERE contract_id = @c", new { c = a.Id.Value });
        Assert.That(net, Is.EqualTo(160000L));
        Assert.That(result.Result!.Outcome, Is.EqualTo(ScheduleOutcome.Posted));
        Assert.That(
            (entry.Contract, entry.FireTime, entry.AsOf, entry.KnownAt, entry.Attempt, entry.ClaimedBy),
            Is.EqualTo((a.Id, FireTime, AsOf, KnownAt, 1, "host-a")));
        Assert.That(
            (entry.Result!.Outcome, entry.Result.RunId?.Value, entry.Result.LineCount, entry.Result.Tries, entry.Result.Error),
            Is.EqualTo((ScheduleOutcome.Posted, (long?)runId, 4, 1, (string?)null)));
    }

    [Test]
    public async Task RunAsync_CancelledMidRun_LedgerAsBeforeAndFireClaimableAgain()
    {
        var a = await PayableContractAsync();
        var fire = Fire("cancelled");
        var catalog = new ToyCatalog(a);
        using var stop = new CancellationTokenSource();
        // Stop arrives after every line is written but before the commit.
        var hooks = new SettlementHooks((point, _, token) =>
        {
            if (point == "written")
            {
                stop.Cancel();
                token.ThrowIfCancellationRequested();
            }

            return Task.CompletedTask;
        });

        var cancelled = (await Settlement("host-a", hooks: hooks).RunAsync(fire, [a.Id], catalog, stop.Token)).Single();

        Assert.That(cancelled.Result!.Outcome, Is.EqualTo(ScheduleOutcome.Cancelled));
        Assert.That(await CountAsync("runs", a), Is.Zero, "no run header");
        Assert.That(await CountAsync("ledger_lines", a), Is.Zero, "no line");

        var resumed = (await Settlement("host-b").RunAsync(fire, [a.Id], catalog)).Single();

        Assert.That((resumed.Claim!.Attempt, resumed.Result!.Outcome), Is.EqualTo((2, ScheduleOutcome.Posted)));
        Assert.That(await CountAsync("runs", a), Is.EqualTo(1));
        var history = await new ScheduleHistory(App).ListAsync("cancelled", 10);
        Assert.That(history.Select(h => (h.Attempt, h.Result!.Outcome)), Is.EqualTo(new[] { (2, ScheduleOutcome.Posted), (1, ScheduleOutcome.Cancelled) }));
    }

    [Test]
    public async Task RunAsync_FirstContractKeepsFailing_RetriedThenFailedAndNextContractStillPosts()
    {
        var a = await PayableContractAsync();
        var b = await PayableContractAsync();
        var (first, second) = string.CompareOrdinal(a.Id.Value, b.Id.Value) < 0 ? (a, b) : (b, a);
        var calls = 0;
        // The first three attempts (the first contract's try and its 2 retries) fail; then the second contract runs.
        var hooks = new SettlementHooks((point, _, _) =>
            point == "locked" && Interlocked.Increment(ref calls) <= 3 ? throw new InvalidOperationException("disk full") : Task.CompletedTask);

        var results = await Settlement("host-a", retries: 2, hooks: hooks).RunAsync(Fire("failing"), [a.Id, b.Id], new ToyCatalog(a, b));

        var failed = results.Single(r => r.Contract == first.Id).Result!;
        var posted = results.Single(r => r.Contract == second.Id).Result!;
        Assert.That((failed.Outcome, failed.Tries, failed.Error), Is.EqualTo((ScheduleOutcome.Failed, 3, "InvalidOperationException: disk full")));
        Assert.That((posted.Outcome, posted.Tries), Is.EqualTo((ScheduleOutcome.Posted, 1)));
        Assert.That(await CountAsync("runs", first), Is.Zero);
        Assert.That(await CountAsync("runs", second), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_ContractHeldByAnotherRun_RetriedNotWaitedThenFailed()
    {
        var a = await PayableContractAsync();
        await using var holder = await App.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('pbr:contract:' || @c, 0))", new { c = a.Id.Value }, transaction);

        var result = (await Settlement("host-a", retries: 1).RunAsync(Fire("busy"), [a.Id], new ToyCatalog(a))).Single().Result!;

        Assert.That((result.Outcome, result.Tries), Is.EqualTo((ScheduleOutcome.Failed, 2)));
        Assert.That(result.Error, Does.Contain("is being settled by another run"));
        Assert.That(await CountAsync("runs", a), Is.Zero);
    }

    [Test]
    public async Task RunAsync_ContractNotInTariffs_FailedWithReason()
    {
        var a = await PayableContractAsync();
        var unknown = NewContract();

        var result = (await Settlement("host-a").RunAsync(Fire("unknown"), [unknown.Id], new ToyCatalog(a))).Single().Result!;

        Assert.That(result.Outcome, Is.EqualTo(ScheduleOutcome.Failed));
        Assert.That(result.Error, Does.Contain("not in the published tariffs"));
    }

    [Test]
    public async Task LastFireAsync_AfterTwoFires_TheLaterOne()
    {
        var a = await PayableContractAsync();
        var settlement = Settlement("host-a");
        var later = FireTime + Duration.FromDays(31);
        await settlement.RunAsync(Fire("last"), [a.Id], new ToyCatalog(a));
        await settlement.RunAsync(Fire("last") with { FireTime = later }, [a.Id], new ToyCatalog(a));

        Assert.That(await new ScheduleHistory(App).LastFireAsync("last"), Is.EqualTo(later));
        Assert.That(await new ScheduleHistory(App).LastFireAsync("never"), Is.Null);
    }

    [TestCase("UPDATE schedule_outcomes SET outcome = 'posted'")]
    [TestCase("DELETE FROM schedule_claims")]
    [TestCase("UPDATE schedule_claims SET attempt = attempt + 1")]
    public async Task History_ApplicationRoleEditsIt_Refused(string sql)
    {
        var a = await PayableContractAsync();
        await Settlement("host-a").RunAsync(Fire("append-only"), [a.Id], new ToyCatalog(a));
        await using var connection = await App.OpenConnectionAsync();

        Assert.That(async () => await connection.ExecuteAsync(sql), Throws.InstanceOf<Npgsql.PostgresException>());
        var history = await new ScheduleHistory(App).ListAsync("append-only", 100);
        Assert.That(history.Count(e => e.Contract == a.Id && e.Attempt == 1 && e.Result?.Outcome == ScheduleOutcome.Posted), Is.EqualTo(1));
    }

    private static ScheduledFire Fire(string schedule) => new(schedule, FireTime, AsOf, KnownAt);

    private ScheduledSettlement Settlement(string claimedBy, int retries = 0, SettlementHooks? hooks = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = retries,
                Delay = TimeSpan.Zero,
            });
        }

        var clock = new FakeClock(FireTime) { AutoAdvance = Duration.FromMilliseconds(5) };
        return new ScheduledSettlement(App, builder.Build(), clock, claimedBy, hooks);
    }

    private async Task<ContractTerms> PayableContractAsync()
    {
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10))]);
        await ImportEvidenceAsync(c, [Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5))]);
        return c;
    }
}
