using Dapper;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Audit;

/// <summary>
/// <c>pbr verify</c> and <c>pbr replay</c> end to end, as a user runs them, on the Work Programme
/// sample settled through the same commands.
/// </summary>
[NonParallelizable]
public sealed class AuditCommandTests : DatabaseFixture
{
    [OneTimeSetUp]
    public async Task SettleTheSampleAsync()
    {
        var sample = Path.Combine(RepositoryRoot(), "samples", "work-programme");
        await Expect(0, "tariff", "publish", Path.Combine(sample, "work-programme.pbr"));
        await Expect(0, "import", "participants", Path.Combine(sample, "participants.csv"));
        await Expect(0, "import", "evidence", Path.Combine(sample, "evidence.csv"));
        await Expect(0, "settle", "--as-of", "2012-03-31");
        await Expect(0, "settle", "--as-of", "2012-09-30");
    }

    [Test, Order(1)]
    public async Task Verify_UntouchedLedger_ExitsZeroAndSaysSo()
    {
        var result = await PbrCli.RunAsync(Database, "verify");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("ledger verified"));
    }

    [Test, Order(2)]
    public async Task ReplayAll_EveryRun_IdenticalExitZero()
    {
        var result = await PbrCli.RunAsync(Database, "replay", "--all");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.GreaterThanOrEqualTo(2), "both contracts ran at least once");
        Assert.That(lines, Has.All.EndsWith("identical"));
    }

    [Test, Order(3)]
    public async Task Replay_NeitherRunNorAll_ExitsTwo()
    {
        var result = await PbrCli.RunAsync(Database, "replay");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("--run R or --all"));
    }

    [Test, Order(4)]
    public async Task Report_LatestRun_LoadsInHeadlessChromiumWithBothChartsAndSortableTables()
    {
        long run;
        await using (var connection = await Database.OpenAsync())
        {
            run = await connection.ExecuteScalarAsync<long>("SELECT max(run_id) FROM runs");
        }

        var page = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"report-{run}.html");
        var result = await PbrCli.RunAsync(Database, "report", "--run", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", page);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var html = await File.ReadAllTextAsync(page);
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "self-contained: nothing fetched from a network");
        Assert.That(html, Does.Contain("<table class=\"sortable\" id=\"by-outcome\">").And.Contain("id=\"by-group\"").And.Contain("id=\"changes\""));
        var browser = await HeadlessChromium.DumpDomAsync(page);
        Assert.That(browser.ConsoleErrors, Is.Empty, "the page loads without script errors");
        Assert.That(browser.Dom, Does.Contain("data-charts-drawn=\"2\""), "both embedded charts decoded and drawn");
    }

    [Test, Order(5)]
    public async Task Reconcile_OneMatchingClaimAndOneUnknown_ExitsOneAndWritesTheDifference()
    {
        (string Participant, string Outcome, int Instalment, long Pence) held;
        await using (var connection = await Database.OpenAsync())
        {
            held = await connection.QueryFirstAsync<(string, string, int, long)>(
                "SELECT participant_id, outcome, instalment, sum(amount_pence)::bigint FROM ledger_lines " +
                "WHERE contract_id = 'WP-CPA1-ALPHA' AND participant_id IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(amount_pence) > 0 ORDER BY 1, 2, 3 LIMIT 1");
        }

        var claims = Path.Combine(TestContext.CurrentContext.WorkDirectory, "claims.csv");
        var amount = Pbr.Core.Money.FromPence(held.Pence).ToString();
        await File.WriteAllTextAsync(claims,
            "participant_id,outcome,instalment,amount,claimed_on\n" +
            $"{held.Participant},{held.Outcome},{held.Instalment},{amount},2012-10-01\n" +
            "NOBODY,job_outcome,1,1200.00,2012-10-01\n");
        var differences = Path.Combine(TestContext.CurrentContext.WorkDirectory, "differences.csv");

        var result = await PbrCli.RunAsync(Database, "reconcile", "--contract", "WP-CPA1-ALPHA", "--claims", claims, "--as-of", "2012-09-30", "--out", differences);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("1 matched, 1 claimed but not in the ledger"));
        var written = await File.ReadAllLinesAsync(differences);
        Assert.That(written[0], Is.EqualTo("status,participant_id,outcome,instalment,claimed_amount,ledger_amount,claimed_on,reason"));
        Assert.That(written, Has.Some.StartsWith("claimed_not_in_ledger,NOBODY,job_outcome,1,1200.00,0.00,2012-10-01,"));
    }

    [Test, Order(6)]
    public async Task Verify_AmountEditedAsSuperuser_ExitsOneNamingTheLine()
    {
        await using (var connection = await Database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE ledger_lines DISABLE TRIGGER ledger_lines_refuse_edit");
            await connection.ExecuteAsync(
                "UPDATE ledger_lines SET amount_pence = amount_pence * 2 WHERE (contract_id, run_id, participant_id, outcome) = " +
                "(SELECT contract_id, run_id, participant_id, outcome FROM ledger_lines WHERE participant_id IS NOT NULL ORDER BY run_id, participant_id, outcome LIMIT 1)");
            await connection.ExecuteAsync("ALTER TABLE ledger_lines ENABLE ALWAYS TRIGGER ledger_lines_refuse_edit");
        }

        var verify = await PbrCli.RunAsync(Database, "verify");
        var replay = await PbrCli.RunAsync(Database, "replay", "--all");

        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.ToString());
        Assert.That(verify.StandardOutput, Does.Contain("altered line:").And.Contain("ledger NOT verified"));
        Assert.That(replay.ExitCode, Is.EqualTo(1), replay.ToString());
        Assert.That(replay.StandardOutput, Does.Contain("differences"));
    }

    private async Task Expect(int exitCode, params string[] arguments)
    {
        var result = await PbrCli.RunAsync(Database, arguments);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
    }

    private static string RepositoryRoot() => RepositoryFiles.Root;
}
