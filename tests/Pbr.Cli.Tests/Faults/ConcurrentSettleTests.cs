using System.Globalization;
using Dapper;
using NodaTime;
using Pbr.Cli.Tests.Settlement;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// Concurrency (RELIABILITY tests 5 and I5): several <c>pbr settle</c> processes over overlapping sets
/// of the sample contracts, started together month after month. Each (contract, as-of) is posted at
/// most once, nobody deadlocks, waiting processes find nothing left to post, and <c>--no-wait</c>
/// losers exit 3 having posted nothing.
/// </summary>
[Category("Faults")]
[NonParallelizable]
public sealed class ConcurrentSettleTests : SampleLedgerFixture
{
    private const string Alpha = "WP-CPA1-ALPHA";
    private const string Beta = "WP-CPA2-BETA";

    [Test]
    public async Task Settle_OverlappingContractSetsAtOnce_EachContractMonthPostedOnceAndLosersExitCleanly()
    {
        string[][] sets = [[Alpha, Beta], [Beta, Alpha], [Alpha], [Beta]];
        for (var month = 0; month < 6; month++)
        {
            var asOf = new LocalDate(2011, 10, 1).PlusMonths(month).PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var runs = sets.Select((contracts, i) =>
            {
                var arguments = new List<string> { "settle", "--as-of", asOf };
                arguments.AddRange(contracts.SelectMany(c => new[] { "--contract", c }));
                if (i % 2 == 1)
                {
                    arguments.Add("--no-wait");
                }

                return PbrCli.RunAsync(Database, [.. arguments]);
            }).ToList();
            var results = await Task.WhenAll(runs);

            // Waiting runs succeed (posting nothing once the first has posted); --no-wait runs succeed or exit 3.
            Assert.That(results.Where((_, i) => i % 2 == 0).Select(r => r.ExitCode), Has.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
            Assert.That(results.Where((_, i) => i % 2 == 1).Select(r => r.ExitCode), Has.All.AnyOf(0, 3), string.Join("\n", results.Select(r => r.ToString())));
            Assert.That(results.Where(r => r.ExitCode == 3).Select(r => r.StandardError), Has.All.Contains("is being settled by another run"));

            await using var connection = await Database.OpenAsync();
            var perContract = (await connection.QueryAsync<(string Contract, long Runs)>(
                "SELECT contract_id, count(*) FROM runs WHERE as_of = @asOf::date GROUP BY contract_id", new { asOf })).ToDictionary(r => r.Contract, r => r.Runs);
            Assert.That(perContract.Values, Has.All.EqualTo(1L), $"as of {asOf}: one run per contract at most");
        }

        // The ledger is what one process settling alone would leave: settling the last month again posts nothing.
        var runsBefore = await ScalarAsync("SELECT count(*) FROM runs");
        var again = await PbrCli.RunAsync(Database, "settle", "--as-of", "2012-02-29", "--contract", Alpha, "--contract", Beta);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(await ScalarAsync("SELECT count(*) FROM runs"), Is.EqualTo(runsBefore));
    }
}
