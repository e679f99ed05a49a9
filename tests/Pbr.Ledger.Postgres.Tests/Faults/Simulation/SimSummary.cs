using System.Globalization;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>What one seed did: steps by action, runs and lines posted, faults injected, keys checked against the model.</summary>
internal sealed record SimSummary(
    int Seed, int Steps, int Imports, int Settles, int DryRuns, int Replays, int Faults, int Resettles,
    long Runs, long Lines, long Clawbacks, long KeysChecked, TimeSpan Elapsed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"seed {Seed}: {Steps} steps ({Imports} imports, {Settles} settles, {DryRuns} dry runs, {Replays} replays, " +
        $"{Faults} faults, {Resettles} re-settles), {Runs} runs, {Lines} lines ({Clawbacks} clawbacks), " +
        $"{KeysChecked} key checks, {Elapsed.TotalSeconds:F1} s");
}
