using System.Diagnostics;
using System.Globalization;
using Dapper;
using NodaTime;
using Pbr.Ledger.Postgres.Audit;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// Crash trials (DESIGN invariant 6, RELIABILITY test 19): a large <c>pbr settle</c> is killed with
/// SIGKILL at a random moment — while it starts, reads, computes, copies its lines or commits — and
/// then run again. After every trial no run header lacks any of its lines, the ledger verifies, and
/// every balance per key equals that of a separate database settled without interruption.
/// </summary>
/// <remarks>
/// <c>PBR_FAULT_TRIALS</c> sets the number of trials (CI: 50) and <c>PBR_FAULT_SEED</c> the seed; each
/// trial prints its seed and kill point, so that a failure can be replayed exactly.
/// </remarks>
[Category("Faults")]
[NonParallelizable]
public sealed class CrashTrialTests : DatabaseFixture
{
    private const int Participants = 20_000;
    private TestDatabase _reference = null!;

    [OneTimeSetUp]
    public async Task LoadBothDatabasesAsync()
    {
        _reference = await TestDatabase.CreateAsync();
        var data = Directory.CreateTempSubdirectory("pbr-crash-").FullName;
        await Ledgers.Expect(Database, "generate", "--participants", Participants.ToString(CultureInfo.InvariantCulture), "--seed", "19", "--out", data);
        foreach (var database in new[] { Database, _reference })
        {
            await Ledgers.Expect(database, "tariff", "publish", RepositoryFiles.WorkProgrammeTariff);
            await Ledgers.Expect(database, "import", "participants", Path.Combine(data, "participants.csv"));
            await Ledgers.Expect(database, "import", "evidence", Path.Combine(data, "evidence.csv"));
        }

        Directory.Delete(data, recursive: true);
    }

    [OneTimeTearDown]
    public async Task DropReferenceAsync() => await _reference.DisposeAsync();

    [Test]
    public async Task Settle_KilledAtRandomMoments_WholeRunOrNothingAndTheRerunConverges()
    {
        var trials = Setting("PBR_FAULT_TRIALS", 50);
        var seed = Setting("PBR_FAULT_SEED", 20261125);
        var random = new Random(seed);
        var killed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            // A new month each trial, so that every settle has lines to write.
            var asOf = new LocalDate(2011, 7, 1).PlusMonths(trial).PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            await Ledgers.Expect(_reference, "settle", "--as-of", asOf);
            var uninterrupted = clock.Elapsed;
            var killAfter = TimeSpan.FromMilliseconds(random.NextDouble() * uninterrupted.TotalMilliseconds * 1.1);
            await TestContext.Progress.WriteLineAsync(
                $"crash trial {trial} (seed {seed}): settle --as-of {asOf}, SIGKILL after {killAfter.TotalMilliseconds:F0} ms of {uninterrupted.TotalMilliseconds:F0} ms");

            var (wasKilled, result) = await PbrCli.RunAndKillAsync(Database, killAfter, "settle", "--as-of", asOf);
            Assert.That(wasKilled || result!.ExitCode == 0, Is.True, $"trial {trial}: {result}");
            killed += wasKilled ? 1 : 0;

            await AssertWholeRunsOnlyAsync(trial);
            await Ledgers.Expect(Database, "settle", "--as-of", asOf);
            Assert.That(await Ledgers.BalancesAsync(Database), Is.EqualTo(await Ledgers.BalancesAsync(_reference)), $"trial {trial} (seed {seed}): balances after the rerun");
        }

        await TestContext.Progress.WriteLineAsync($"{killed} of {trials} settles were killed before they finished");
        Assert.That(killed, Is.GreaterThan(trials / 4), "most kill points fall inside the run");
    }

    private async Task AssertWholeRunsOnlyAsync(int trial)
    {
        await using (var connection = await Database.OpenAsync())
        {
            var partial = await connection.QueryAsync<long>(
                """
                SELECT r.run_id FROM runs r
                LEFT JOIN (SELECT contract_id, run_id, count(*) AS n FROM ledger_lines GROUP BY contract_id, run_id) l
                       ON l.contract_id = r.contract_id AND l.run_id = r.run_id
                WHERE r.line_count <> coalesce(l.n, 0)
                """);
            Assert.That(partial, Is.Empty, $"trial {trial}: run headers without all their lines");
        }

        var report = await new LedgerVerifier(Database.DataSource).VerifyAsync();
        Assert.That(report.Findings.Select(f => f.ToString()), Is.Empty, $"trial {trial}: the ledger verifies");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
