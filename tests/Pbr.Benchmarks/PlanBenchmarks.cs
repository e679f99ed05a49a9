using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;

namespace Pbr.Benchmarks;

/// <summary>
/// A contract's first settlement priced in memory, as a settlement's client prices it once the ledger's
/// rows are read: evidence grouped by participant, every participant evaluated, the delta against
/// nothing posted, every line and the run hashed. One operation is one participant, on one core. The
/// input digest is given, as the ledger makes it from the stored hashes. The e2e settle is bound by the
/// server's COPY and varies by seconds from hour to hour; this isolates the client's share of the CPU.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    // The larger of the sample's two contracts holds more than half of the participants generated.
    private const int Generated = 100_000;
    private const int Priced = 50_000;
    private SettlementInput _input = null!;

    /// <summary>Generates the participants and takes 50,000 of the contract with the most, its rows in the ledger's key order.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = WorkProgrammeData.Create(Generated, seed: 42);
        var contract = data.Cases.GroupBy(c => c.Contract).MaxBy(g => g.Count())!.Key;
        var cases = data.Cases.Where(c => c.Contract == contract).OrderBy(c => c.Participant.Id.Value, StringComparer.Ordinal).Take(Priced).ToList();
        if (cases.Count < Priced)
        {
            throw new InvalidOperationException($"Only {cases.Count} participants on the largest contract.");
        }

        // As the ledger reads them: known at K (later versions are left in the database), in key order.
        var evidence = cases.SelectMany(c => c.Evidence)
            .Where(e => e.RecordedOn <= WorkProgrammeData.AsOf)
            .OrderBy(e => e.Id.Value, StringComparer.Ordinal).ThenBy(e => e.RecordedOn)
            .ToList();
        var hash = new string('a', 64);
        _input = new SettlementInput(
            contract, data.Scheme, hash, [hash], [.. cases.Select(c => c.Participant)], evidence,
            WorkProgrammeData.AsOf, WorkProgrammeData.AsOf, "bench", InputDigest: new string('0', 64));
    }

    /// <summary>The whole contract planned on one thread.</summary>
    [Benchmark(OperationsPerInvoke = Priced)]
    public int PlanContract() =>
        SettlementPlanner.Plan(_input, ImmutableArray<PostedBalance>.Empty, new string('0', 64), cores: 1).Header.LineCount;

    /// <summary>Plans the contract over and over for a while, for a sampling profiler; prints the rate reached.</summary>
    public static int Loop(double seconds)
    {
        var benchmark = new PlanBenchmarks();
        benchmark.Setup();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long participants = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            benchmark.PlanContract();
            participants += Priced;
        }

        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{participants} participants planned in {clock.Elapsed.TotalSeconds:F1} s: {participants / clock.Elapsed.TotalSeconds:F0} per second on one thread"));
        return 0;
    }
}
