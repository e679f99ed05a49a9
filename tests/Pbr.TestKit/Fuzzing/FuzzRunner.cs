using System.Diagnostics;

namespace Pbr.TestKit.Fuzzing;

/// <summary>
/// Runs a seeded fuzz campaign against one target: case i mutates one of the valid inputs with
/// strategy i mod |catalogue|, from a random source seeded by (seed, i) alone, so any case replays on
/// its own. Each case runs on a worker with a time bound; an exception escaping the target, a case
/// over the bound, or a broken rule fails the test with the seed and case that reproduce it.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Runs the campaign and returns its figures; fails the test at the first bad case.</summary>
    /// <param name="target">The name of what is fuzzed, printed with every failure.</param>
    /// <param name="originals">Valid inputs to mutate.</param>
    /// <param name="perCase">The time bound of one case.</param>
    /// <param name="check">Runs the target on a case and judges the outcome; any exception it lets out is a failure.</param>
    /// <param name="cases">Cases to run; <see cref="FuzzSettings.Cases"/> when null.</param>
    public static FuzzReport Run(string target, IReadOnlyList<byte[]> originals, TimeSpan perCase, Func<FuzzCase, FuzzVerdict> check, int? cases = null)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(check);
        var seed = FuzzSettings.Seed;
        var count = cases ?? FuzzSettings.Cases;
        var report = new FuzzReport(target, seed);
        var indexes = FuzzSettings.OnlyCase is { } only ? [only] : Enumerable.Range(0, count);
        foreach (var index in indexes)
        {
            var fuzzCase = Make(target, seed, index, originals);
            var watch = Stopwatch.StartNew();
            var work = Task.Run(() => check(fuzzCase));
            bool finished;
            try
            {
                finished = work.Wait(perCase);
            }
            catch (AggregateException e)
            {
                Assert.Fail($"{fuzzCase.Label}: {e.InnerException!.GetType().Name} escaped: {e.InnerException}\ninput starts {fuzzCase.Preview}");
                throw;
            }

            if (!finished)
            {
                Assert.Fail($"{fuzzCase.Label}: still running after {perCase.TotalSeconds:0.#} s\ninput starts {fuzzCase.Preview}");
            }

            var verdict = work.Result;
            if (verdict.Violation is { } violation)
            {
                Assert.Fail($"{fuzzCase.Label}: {violation}\ninput starts {fuzzCase.Preview}");
            }

            report.Add(fuzzCase, verdict.Outcome, watch.Elapsed);
        }

        TestContext.Out.WriteLine(report.ToString());
        return report;
    }

    /// <summary>Makes case <paramref name="index"/> of a campaign, exactly as <see cref="Run"/> does.</summary>
    public static FuzzCase Make(string target, int seed, int index, IReadOnlyList<byte[]> originals)
    {
        ArgumentNullException.ThrowIfNull(originals);
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var mutation = Mutations.All[index % Mutations.All.Length];
        var original = originals[random.Next(originals.Count)];
        return new FuzzCase(target, seed, index, mutation, original, mutation.Apply(original, random));
    }
}
