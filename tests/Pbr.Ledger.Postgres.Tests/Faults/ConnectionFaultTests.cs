using System.Diagnostics;
using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tests.Settlement;
using Pbr.TestKit.Faults;
using Polly;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>
/// Real socket failures between the settlement runner and PostgreSQL (RELIABILITY tests 4 and 14, DESIGN §8.6):
/// the application role connects through a <see cref="FaultProxy"/> that drops the connection during
/// the COPY of a run's lines, right after its COMMIT is sent, or while it waits for a contract's lock,
/// or slows every message down.
/// </summary>
/// <remarks>
/// Every test compares the faulted contract with a twin: the same inputs under another contract id,
/// settled directly without a fault. The balances per key must be equal, the faulted contract must
/// have exactly one run header with all its lines, and the ledger must verify.
/// </remarks>
[Category("Faults")]
public sealed class ConnectionFaultTests : LedgerFixture
{
    private const string LockCall = "pg_advisory_xact_lock(hashtextextended('pbr:contract:'";
    private static readonly LocalDate May = new(2024, 5, 1);
    private FaultProxy _proxy = null!;
    private NpgsqlDataSource _viaProxy = null!;

    [OneTimeSetUp]
    public void StartProxy()
    {
        _proxy = FaultProxy.Start(Database);
        _viaProxy = PbrDataSource.Create(_proxy.ConnectionString(Database.AsRole("pbr_app")));
    }

    [OneTimeTearDown]
    public async Task StopProxyAsync()
    {
        await _viaProxy.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [TearDown]
    public void Disarm() => _proxy.Disarm();

    [Test]
    public async Task Settle_ConnectionDroppedDuringCopy_RetriedAndPostedExactlyOnce()
    {
        // 60 participants give some 200 lines, more than one COPY data message; the drop lands after the first 4 KB.
        var (c, twin) = await TwinsAsync(seed: 81, participants: 60);
        var fault = _proxy.Arm(Fault.DropDuringCopy(afterBytes: 4096));

        var outcome = await SettleThroughProxyAsync(c);

        Assert.That(fault.Fired, Is.EqualTo(1), "the COPY was cut");
        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
        await AssertOneWholeRunLikeTwinAsync(c, twin);
    }

    [Test]
    public async Task Settle_ConnectionDroppedRightAfterCommitSent_RetryFindsTheRunByItsKeyAndPostsNothingMore()
    {
        // RELIABILITY 4 through a real socket: the COMMIT reaches the server, its answer never reaches the tool.
        var (c, twin) = await TwinsAsync(seed: 82, participants: 20);
        var fault = _proxy.Arm(Fault.DropAfterCommit(after: "INSERT INTO runs"));

        var outcome = await SettleThroughProxyAsync(c);

        Assert.That(fault.Fired, Is.EqualTo(1), "the commit's answer was lost");
        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.AlreadyCommitted));
        Assert.That(outcome.Runs.Single().RunId, Is.Not.Null, "the retry names the run the lost commit posted");
        await AssertOneWholeRunLikeTwinAsync(c, twin);
    }

    [Test]
    public async Task Settle_ConnectionDroppedWhileWaitingForTheContractLock_RetriedAndPostedOnceTheLockIsFree()
    {
        var (c, twin) = await TwinsAsync(seed: 83, participants: 20);
        await using var holder = await Database.OpenAsync();
        var held = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('pbr:contract:' || @c, 0))", new { c = c.Id.Value }, held);
        var fault = _proxy.Arm(Fault.DropDuringStatement(LockCall, TimeSpan.FromMilliseconds(300)));

        var settling = SettleThroughProxyAsync(c);
        var dropped = await EventuallyAsync(() => fault.Fired == 1);
        await Task.Delay(300);
        var waitedAfterRetry = !settling.IsCompleted;
        var runsWhileHeld = await CountAsync("runs", c);
        await held.RollbackAsync();
        var outcome = await settling;

        Assert.That(dropped, Is.True, "the connection was dropped while it waited for the lock");
        Assert.That((waitedAfterRetry, runsWhileHeld), Is.EqualTo((true, 0L)), "the retry waits for the lock too");
        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
        await AssertOneWholeRunLikeTwinAsync(c, twin);
    }

    [Test]
    public async Task Settle_TwentyMillisecondsOnEveryMessageAndAnswer_CompletesWithTheSameBalances()
    {
        var (c, twin) = await TwinsAsync(seed: 84, participants: 40);
        _proxy.ResponseDelay = TimeSpan.FromMilliseconds(20);
        _proxy.MessageDelay = TimeSpan.FromMilliseconds(20);
        var drops = _proxy.Drops;

        var clock = Stopwatch.StartNew();
        var outcome = await SettleThroughProxyAsync(c);
        clock.Stop();

        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
        Assert.That(_proxy.Drops, Is.EqualTo(drops), "latency alone drops nothing");
        // Opening, locking, the run-key lookup, four reads, the header, the COPY, the insert and the commit: ten round trips at least, 40 ms each.
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromMilliseconds(10 * 40)), "the latency was really there");
        await AssertOneWholeRunLikeTwinAsync(c, twin);
    }

    [Test]
    public async Task Import_ConnectionDroppedDuringCopy_NothingLoadedThenTheRerunLoadsOnce()
    {
        // No retry: the failed import must leave nothing behind. Then the same rows again, through the same proxy.
        var c = NewContract();
        var timeline = Timeline.Generate(85, 300);
        var rows = timeline.Participants.Select((p, i) => new ImportRow<Participant>(i + 2, In(c, p))).ToList();
        var file = new ImportFile("participants.csv", new string('c', 64), 0);
        var fault = _proxy.Arm(Fault.DropDuringCopy(afterBytes: 4096));
        var store = new InputStore(_viaProxy);

        var failed = Assert.ThrowsAsync<NpgsqlException>(async () => await store.ImportParticipantsAsync(file, rows));
        var afterFailure = await CountAsync("participants", c);
        var rerun = await store.ImportParticipantsAsync(file, rows);
        var again = await store.ImportParticipantsAsync(file, rows);

        Assert.That(fault.Fired, Is.EqualTo(1));
        Assert.That(failed!.IsTransient, Is.True, "a dropped connection is retried by the import command: " + failed);
        Assert.That(afterFailure, Is.Zero, "all or nothing");
        Assert.That((rerun.Inserted, rerun.Existing), Is.EqualTo((300, 0)));
        Assert.That((again.Inserted, again.Existing), Is.EqualTo((0, 300)));
        Assert.That(await CountAsync("participants", c), Is.EqualTo(300));
    }

    [Test]
    public async Task Import_ConnectionDroppedDuringCopyWithRetry_LoadsOnce()
    {
        var c = NewContract();
        var timeline = Timeline.Generate(86, 300);
        var rows = timeline.Participants.Select((p, i) => new ImportRow<Participant>(i + 2, In(c, p))).ToList();
        var fault = _proxy.Arm(Fault.DropDuringCopy(afterBytes: 4096));
        var store = new InputStore(_viaProxy);

        var outcome = await Retry.ExecuteAsync(async token => await store.ImportParticipantsAsync(new ImportFile("participants.csv", new string('d', 64), 0), rows, token));

        Assert.That(fault.Fired, Is.EqualTo(1));
        Assert.That((outcome.Inserted, outcome.Existing), Is.EqualTo((300, 0)));
        Assert.That(await CountAsync("participants", c), Is.EqualTo(300));
        await using var connection = await Database.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM imports WHERE file_sha256 = @sha", new { sha = new string('d', 64) }), Is.EqualTo(1));
    }

    private static ResiliencePipeline Retry => TransientRetry.Create(3, TimeSpan.FromMilliseconds(10));

    private Task<SettleOutcome> SettleThroughProxyAsync(ContractTerms contract)
    {
        var runner = new SettlementRunner(_viaProxy, Retry);
        return runner.SettleAsync(new SettleRequest(May, May, [contract.Id], false, false), new ToyCatalog(contract));
    }

    /// <summary>Imports one generated timeline under two contracts and settles the twin directly, with no proxy and no fault.</summary>
    private async Task<(ContractTerms Faulted, ContractTerms Twin)> TwinsAsync(int seed, int participants)
    {
        var timeline = Timeline.Generate(seed, participants);
        var (c, twin) = (NewContract(), NewContract());
        await ImportAsync(c, timeline);
        await ImportAsync(twin, timeline);
        var reference = await SettleAsync(twin, May);
        Assert.That(reference.LineCount, Is.GreaterThan(0), "the twin's run posts lines");
        return (c, twin);
    }

    private async Task AssertOneWholeRunLikeTwinAsync(ContractTerms c, ContractTerms twin)
    {
        Assert.That(await CountAsync("runs", c), Is.EqualTo(1), "exactly one run header");
        await using (var connection = await Database.OpenAsync())
        {
            var partial = await connection.ExecuteScalarAsync<long>(
                """
                SELECT count(*) FROM runs r
                WHERE r.contract_id = @c
                  AND r.line_count <> (SELECT count(*) FROM ledger_lines l WHERE l.contract_id = r.contract_id AND l.run_id = r.run_id)
                """,
                new { c = c.Id.Value });
            Assert.That(partial, Is.Zero, "no run header without all its lines");
        }

        Assert.That(await BalancesAsync(c), Is.EqualTo(await BalancesAsync(twin)), "balances per key equal the uninterrupted twin's");
        var report = await new LedgerVerifier(Database.DataSource).VerifyAsync();
        Assert.That(report.Findings.Select(f => f.ToString()), Is.Empty, "the ledger verifies");
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
