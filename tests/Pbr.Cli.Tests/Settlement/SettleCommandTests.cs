using Dapper;

namespace Pbr.Cli.Tests.Settlement;

/// <summary><c>pbr settle</c> and <c>pbr statement</c> end to end on the Work Programme sample.</summary>
public sealed class SettleCommandTests : SampleLedgerFixture
{
    [Test, Order(1)]
    public async Task Settle_DryRunThenRealRun_SameLinesAndDryRunPostsNothing()
    {
        // RELIABILITY 16 through the command line: the files differ only in run_id (a dry run posts no run).
        var dry = TempFile("dry.csv");
        var real = TempFile("real.csv");

        var dryRun = await Expect(0, "settle", "--as-of", "2012-06-30", "--contract", "WP-CPA1-ALPHA", "--dry-run", "--lines", dry);
        var runsAfterDryRun = await ScalarAsync("SELECT count(*) FROM runs");
        await Expect(0, "settle", "--as-of", "2012-06-30", "--contract", "WP-CPA1-ALPHA", "--lines", real);

        Assert.That(dryRun.StandardOutput, Does.Contain("Dry run: nothing was posted."));
        Assert.That(runsAfterDryRun, Is.Zero);
        var dryLines = await File.ReadAllLinesAsync(dry);
        var realLines = await File.ReadAllLinesAsync(real);
        Assert.That(dryLines[0], Is.EqualTo("run_id,contract_id,provider_id,participant_id,cohort,outcome,instalment,kind,amount,due_date,tariff_sha256,rule,evidence_ids"));
        Assert.That(dryLines.Length, Is.GreaterThan(10));
        Assert.That(dryLines.Skip(1).Select(l => l[l.IndexOf(',', StringComparison.Ordinal)..]), Is.EqualTo(realLines.Skip(1).Select(l => l[l.IndexOf(',', StringComparison.Ordinal)..])));
        Assert.That(dryLines.Skip(1).All(l => l.StartsWith(",", StringComparison.Ordinal)), Is.True, "a dry run has no run id");
    }

    [Test, Order(2)]
    public async Task Settle_SameRunTwice_SecondPostsNothingAndSaysSo()
    {
        // RELIABILITY 1.
        var runs = await ScalarAsync("SELECT count(*) FROM runs");

        var again = await Expect(0, "settle", "--as-of", "2012-06-30", "--contract", "WP-CPA1-ALPHA");

        Assert.That(again.StandardOutput, Does.Contain("Nothing new to post"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM runs"), Is.EqualTo(runs));
    }

    [Test, Order(3)]
    public async Task Statement_LatestAsCsv_LinesOfTheRunThenTotalsEqualToTheirSum()
    {
        var result = await Expect(0, "statement", "--run", "latest", "--contract", "WP-CPA1-ALPHA", "--format", "csv");

        var blocks = result.StandardOutput.Split("\n\n");
        var lines = blocks[0].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sum = lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[8], System.Globalization.CultureInfo.InvariantCulture));
        var net = await ScalarAsync("SELECT net_pence FROM runs WHERE contract_id = 'WP-CPA1-ALPHA' ORDER BY run_id DESC LIMIT 1");
        Assert.That(sum * 100, Is.EqualTo(net));
        Assert.That(blocks[1], Does.StartWith("total,payments,clawbacks,net\ntotal,"));
    }

    [Test, Order(4)]
    public async Task Settle_TwoProcessesAtOnce_ExactlyOneRunCommitsTheOtherPostsNothing()
    {
        // RELIABILITY 5: two pbr processes settle WP-CPA2-BETA at the same moment.
        var both = await Task.WhenAll(
            Pbr("settle", "--as-of", "2012-09-30", "--contract", "WP-CPA2-BETA"),
            Pbr("settle", "--as-of", "2012-09-30", "--contract", "WP-CPA2-BETA"));

        Assert.That(both.Select(r => r.ExitCode), Is.EqualTo(new[] { 0, 0 }), string.Join('\n', both.Select(b => b.ToString())));
        Assert.That(await ScalarAsync("SELECT count(*) FROM runs WHERE contract_id = 'WP-CPA2-BETA'"), Is.EqualTo(1));
        Assert.That(both.Count(r => r.StandardOutput.Contains("Nothing new to post", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test, Order(5)]
    public async Task Settle_NoWaitWhileAnotherRunHoldsTheContract_ExitsThreeWithAClearMessage()
    {
        await using var other = await Database.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('pbr:contract:' || 'WP-CPA1-ALPHA', 0))", transaction: transaction);

        var result = await Expect(3, "settle", "--as-of", "2012-12-31", "--contract", "WP-CPA1-ALPHA", "--no-wait");

        Assert.That(result.StandardError, Does.Contain("contract WP-CPA1-ALPHA is being settled by another run; nothing was posted"));
    }

    [TestCase("2012-13-01")]
    [TestCase("31/12/2012")]
    public async Task Settle_AsOfNotADate_ExitsTwo(string date)
    {
        var result = await Expect(2, "settle", "--as-of", date);

        Assert.That(result.StandardError, Does.Contain($"--as-of: '{date}' is not a date (expected yyyy-MM-dd"));
    }

    [Test]
    public async Task Settle_UnknownContract_ExitsTwo()
    {
        var result = await Expect(2, "settle", "--as-of", "2012-06-30", "--contract", "NOPE");

        Assert.That(result.StandardError, Does.Contain("contract NOPE is not in the published tariffs"));
    }

    [Test, Order(6)]
    public async Task Settle_LogJson_RunEventWithIdCountsAndDurationButNoParticipantIds()
    {
        // RELIABILITY 22: no participant identifiers in logs above Debug.
        var log = TempFile("log.json");

        await Expect(0, "settle", "--as-of", "2013-03-31", "--contract", "WP-CPA1-ALPHA", "--log-json", log);

        var text = await File.ReadAllTextAsync(log);
        Assert.That(text, Does.Contain("\"RunId\":").And.Contain("\"Lines\":").And.Contain("\"ElapsedMs\":"));
        Assert.That(text, Does.Not.Contain("A0000").And.Not.Contain("OPEN-SPELL"), "participant ids of the sample");
    }
}
