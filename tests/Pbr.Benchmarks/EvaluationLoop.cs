using System.Diagnostics;
using System.Globalization;

namespace Pbr.Benchmarks;

/// <summary>
/// Prices the benchmark's participants as a settlement does, over and over for a while, so that a
/// sampling profiler (perf with DOTNET_PerfMapEnabled=1) sees nothing else; prints the rate it reached.
/// The figures to quote come from BenchmarkDotNet, not from this loop.
/// </summary>
internal static class EvaluationLoop
{
    public static int Run(double seconds)
    {
        var data = WorkProgrammeData.Create(10_000, seed: 42);
        var asOf = WorkProgrammeData.AsOf;
        var clock = Stopwatch.StartNew();
        long evaluations = 0, lines = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var c in data.Cases)
            {
                lines += data.Scheme.EvaluateParticipantUnexplained(c.Contract, c.Participant, c.Evidence, asOf, asOf).Lines.Length;
            }

            evaluations += data.Cases.Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{evaluations} evaluations ({lines} lines) in {clock.Elapsed.TotalSeconds:F1} s: {evaluations / clock.Elapsed.TotalSeconds:F0} per second on one thread"));
        return 0;
    }
}
