using System.Collections.Immutable;

namespace Pbr.Benchmarks.Charts;

/// <summary>One end-to-end run: the number of participants and the wall seconds of each series.</summary>
public sealed record E2eRun(long N, ImmutableDictionary<string, double> Seconds);
