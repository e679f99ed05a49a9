using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>Atomicity, locks and retries (DESIGN §8.6; RELIABILITY tests 4, 5, 6 and 14).</summary>
[Category("Faults")]
public sealed class FaultTests : LedgerFixture
{
    private static readonly LocalDate May = new(2024, 5, 1);

    [TestCase("locked")]
    [TestCase("read-participants")]
    [TestCase("read-evidence")]
    [TestCase("written")]
    public async Task SettleAsync_FailureAtAnyPointBeforeCommit_PostsNothing(string point)
    {
        // RELIABILITY 14 and DESIGN §8.6: a non-transient failure (the input file or stream is gone) aborts the run.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(5, 10));
        var hooks = new SettlementHooks((at, _, _) => at == point ? throw new IOException("input truncated") : Task.CompletedTask);

        Assert.ThrowsAsync<IOException>(() => SettleAsync(c, May, hooks: hooks));

        Assert.That(await CountAsync("runs", c), Is.Zero);
        Assert.That(await CountAsync("ledger_lines", c), Is.Zero);
    }

    [TestCase("read-participants")]
    [TestCase("read-evidence")]
    public async Task SettleAsync_SecondContractsReadFailsWhileTheFirstIsWritten_PostsNothingForEither(string point)
    {
        // The second contract's inputs are read (on a second connection) while the first's lines are copied: a failure there aborts both.
        var first = NewContract();
        var second = NewContract();
        await ImportAsync(first, Timeline.Generate(7, 10));
        await ImportAsync(second, Timeline.Generate(8, 10));
        var calls = 0;
        var hooks = new SettlementHooks((at, _, _) => at == point && Interlocked.Increment(ref calls) == 2 ? throw new IOException("input truncated") : Task.CompletedTask);

        Assert.ThrowsAsync<IOException>(() => SettleAsync([first, second], May, hooks: hooks));

        Assert.That(calls, Is.EqualTo(2), "the failure came from the second contract's read");
        Assert.That(await CountAsync("runs", first) + await CountAsync("runs", second), Is.Zero);
        Assert.That(await CountAsync("ledger_lines", first) + await CountAsync("ledger_lines", second), Is.Zero);
    }

    [Test]
    public async Task SettleAsync_ConnectionKilledMidRun_RetriesAndPostsExactlyOnce()
    {
        // The server ends the session after the lines are written but before commit; Polly retries on a new connection.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(6, 10));
        var killed = 0;
        var hooks = new SettlementHooks(async (at, connection, token) =>
        {
            if (at == "written" && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await using var admin = await Database.OpenAsync(token);
                await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = connection.ProcessID });
                await connection.ExecuteAsync("SELECT 1");
            }
        });

        var outcome = await SettleAsync(c, May, hooks: hooks);

        Assert.That(killed, Is.EqualTo(1));
        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled));
        Assert.That(await CountAsync("runs", c), Is.EqualTo(1));
        Assert.That(await CountAsync("ledger_lines", c), Is.EqualTo(outcome.LineCount));
    }

    [Test]
    public async Task SettleAsync_CommitAcknowledgementLost_RetryFindsTheRunByItsKeyAndPostsNothingMore()
    {
        // RELIABILITY 4: the commit reached the server, then the client saw a transient fault.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(8, 10));
        var faults = 0;
        var hooks = new SettlementHooks((at, _, _) =>
            at == "committed" && Interlocked.Exchange(ref faults, 1) == 0
                ? throw new NpgsqlException("connection lost after COMMIT", new IOException("reset"))
                : Task.CompletedTask);

        var outcome = await SettleAsync(c, May, hooks: hooks);

        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.AlreadyCommitted));
        Assert.That(await CountAsync("runs", c), Is.EqualTo(1));
        Assert.That(outcome.Runs.Single().RunId, Is.Not.Null);
    }

    [Test]
    public async Task SettleAsync_LockHeldAndNoWait_BusyAndNothingPosted()
    {
        // RELIABILITY 5: another run holds the contract's lock.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(9, 5));
        await using var other = await Database.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('pbr:contract:' || @c, 0))", new { c = c.Id.Value }, transaction);

        var outcome = await SettleAsync(c, May, noWait: true);

        Assert.That((outcome.Status, outcome.Contract), Is.EqualTo((SettleStatus.Busy, (Pbr.Core.ContractId?)c.Id)));
        Assert.That(await CountAsync("runs", c), Is.Zero);
    }

    [Test]
    public async Task SettleAsync_TwoAtOnce_ExactlyOnePostsTheOtherFindsNothingToPost()
    {
        // RELIABILITY 5: the second waits for the lock, then sees the first run's lines as posted.
        var c = NewContract();
        await ImportAsync(c, Timeline.Generate(10, 30));

        var both = await Task.WhenAll(SettleAsync(c, May), SettleAsync(c, May));

        Assert.That(both.Select(o => o.LineCount > 0).Count(posted => posted), Is.EqualTo(1));
        Assert.That(await CountAsync("runs", c), Is.EqualTo(1));
    }

    [Test]
    public async Task SettleAsync_OneParticipantWithBadData_ProblemsAndNothingPosted()
    {
        // RELIABILITY 6: one bad participant stops the whole run, and the problem names it.
        var c = NewContract();
        await ImportParticipantsAsync(c, [Rows.Participant("A1", new LocalDate(2024, 1, 10)), Rows.Participant("B1", new LocalDate(2024, 1, 10), "unknown")]);

        var outcome = await SettleAsync(c, May);

        Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Problems));
        Assert.That(outcome.Problems.Select(p => (p.Subject, p.Message)), Is.EqualTo(new[] { ("B1", "payment_group is neither easy nor hard") }));
        Assert.That(await CountAsync("runs", c), Is.Zero);
    }
}
