using System.Globalization;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// RELIABILITY test 20, the seeded whole-system simulation: generated tariffs, participants and
/// evidence timelines, imports, settles, dry runs, replays and injected faults, each seed on its own
/// database, checked after every step against the independent <see cref="SimModel"/>.
/// </summary>
/// <remarks>
/// CI runs seeds 1 to <see cref="CiSeeds"/>. <c>PBR_SIM_SEED=N</c> replays seed N alone, exactly;
/// <c>PBR_SIM_SEEDS=N</c> runs seeds 1 to N (the long version).
/// </remarks>
[Category("Faults")]
[NonParallelizable]
public sealed class SimulationTests
{
    private const int CiSeeds = 32;

    public static IEnumerable<int> Seeds()
    {
        if (Environment.GetEnvironmentVariable("PBR_SIM_SEED") is { Length: > 0 } one)
        {
            return [int.Parse(one, CultureInfo.InvariantCulture)];
        }

        var count = Environment.GetEnvironmentVariable("PBR_SIM_SEEDS") is { Length: > 0 } many ? int.Parse(many, CultureInfo.InvariantCulture) : CiSeeds;
        return Enumerable.Range(1, count);
    }

    [TestCaseSource(nameof(Seeds))]
    public async Task Simulate_Seed_LedgerMatchesTheModelAfterEveryStep(int seed)
    {
        SimSummary summary;
        try
        {
            summary = await SimRun.RunAsync(seed);
        }
        catch (SimFailure failure)
        {
            Assert.Fail(failure.Message);
            return;
        }

        TestContext.Progress.WriteLine(summary.ToString());
        Assert.That(summary.Steps, Is.InRange(20, 40));
    }
}
