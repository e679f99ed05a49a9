using Dapper;
using Npgsql;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

internal sealed partial class SimRun
{
    private static readonly string[] BeforeCommit = ["locked", "read-participants", "read-evidence", "written"];
    private static readonly string[] AnyPoint = [.. BeforeCommit, "committed"];

    /// <summary>A settle with a fault injected at a point drawn from the seed, then whatever retry the fault calls for.</summary>
    private async Task<string> FaultAsync()
    {
        _faults++;
        var (asOf, knownAt) = NextDates();
        var dates = Dates(asOf, knownAt);
        switch (_random.Next(0, 4))
        {
            case 0:
            {
                // A failure that is not transient (an input stream lost) before commit: the run aborts and posts nothing.
                var point = BeforeCommit[_random.Next(BeforeCommit.Length)];
                var counts = await _ledger.CountsAsync();
                var before = await _ledger.BalancesAsync();
                await ExpectThrowsAsync<IOException>(() => SettleAsync(asOf, knownAt, hooks: Throw(point)));
                Expect(await _ledger.CountsAsync() == counts, $"a run that failed at '{point}' posted runs or lines");
                Same(before, await _ledger.BalancesAsync(), $"ledger after a failure at '{point}' vs before it");
                await CheckInvariantsAsync();
                var retry = await SettleCleanAsync(asOf, knownAt);
                return $"{dates}: IOException at '{point}', nothing posted; the clean retry posted {retry.LineCount} lines";
            }

            case 1:
            {
                // The commit went through but the caller saw a failure: the whole run is there, and a new settle posts nothing more.
                var (runs, lines) = await _ledger.CountsAsync();
                var changed = Changed(await _ledger.BalancesAsync(), OwedNow(asOf, knownAt));
                await ExpectThrowsAsync<IOException>(() => SettleAsync(asOf, knownAt, hooks: Throw("committed")));
                Expect(await _ledger.CountsAsync() == (runs + (changed > 0 ? 1 : 0), lines + changed), "a run that failed after its commit is not whole");
                MarkSettled(asOf, knownAt);
                await CheckInvariantsAsync();
                var retry = await SettleCleanAsync(asOf, knownAt);
                Expect(retry.LineCount == 0, $"the retry after a committed run posted {retry.LineCount} more lines");
                return $"{dates}: IOException after commit, {changed} lines posted; the retry posted nothing";
            }

            case 2:
            {
                var point = AnyPoint[_random.Next(AnyPoint.Length)];
                var once = 0;
                var hooks = new SettlementHooks((at, _, _) =>
                    at == point && Interlocked.Exchange(ref once, 1) == 0
                        ? throw new NpgsqlException("simulated network fault", new IOException("connection reset"))
                        : Task.CompletedTask);
                var posted = await SettleThroughFaultAsync(asOf, knownAt, hooks);
                Expect(once == 1, $"the transient fault at '{point}' was never injected");
                return $"{dates}: transient fault at '{point}', retried by the runner, {posted} lines";
            }

            default:
            {
                var point = AnyPoint[_random.Next(AnyPoint.Length)];
                var killed = 0;
                var hooks = new SettlementHooks(async (at, connection, token) =>
                {
                    if (at == point && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        await using var admin = await _database.OpenAsync(token);
                        await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = connection.ProcessID });
                        await connection.ExecuteAsync("SELECT 1");
                    }
                });
                var posted = await SettleThroughFaultAsync(asOf, knownAt, hooks);
                Expect(killed == 1, $"the connection was never killed at '{point}'");
                return $"{dates}: connection killed at '{point}', retried by the runner, {posted} lines";
            }
        }
    }

    /// <summary>A settle whose fault the runner retries itself: exactly one run (or none when nothing is due), never two.</summary>
    private async Task<int> SettleThroughFaultAsync(NodaTime.LocalDate asOf, NodaTime.LocalDate knownAt, SettlementHooks hooks)
    {
        var (runs, lines) = await _ledger.CountsAsync();
        var changed = Changed(await _ledger.BalancesAsync(), OwedNow(asOf, knownAt));
        var outcome = await SettleAsync(asOf, knownAt, hooks: hooks);
        Expect(outcome.Status is SettleStatus.Settled or SettleStatus.AlreadyCommitted, $"status {outcome.Status}: {string.Join("; ", outcome.Problems)}");
        Expect(await _ledger.CountsAsync() == (runs + (changed > 0 ? 1 : 0), lines + changed), "the retried run is not posted exactly once");
        MarkSettled(asOf, knownAt);
        _settles++;
        return changed;
    }

    private static SettlementHooks Throw(string point) =>
        new((at, _, _) => at == point ? throw new IOException($"simulated failure at {point}") : Task.CompletedTask);

    private static async Task ExpectThrowsAsync<TException>(Func<Task> action)
        where TException : Exception
    {
        try
        {
            await action();
        }
        catch (TException)
        {
            return;
        }

        throw new SimFailure($"the injected {typeof(TException).Name} did not surface");
    }
}
