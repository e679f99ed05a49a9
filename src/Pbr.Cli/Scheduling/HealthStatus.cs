using System.Collections.Immutable;

namespace Pbr.Cli.Scheduling;

/// <summary>The JSON that <c>--health-file</c> holds: when the scheduler was last alive, what it last did, what comes next.</summary>
/// <param name="Heartbeat">When the file was written (ISO 8601, UTC).</param>
/// <param name="State"><c>running</c>, or <c>stopped</c> once the scheduler has shut down.</param>
/// <param name="ProcessId">The scheduler's process id.</param>
/// <param name="NextFires">Per schedule, its next fire time and the as-of date it will use.</param>
/// <param name="LastRuns">Per contract, its latest scheduled run.</param>
internal sealed record HealthStatus(
    string Heartbeat, string State, int ProcessId, ImmutableArray<HealthNextFire> NextFires, ImmutableArray<HealthLastRun> LastRuns);

/// <summary>A schedule's next fire in <see cref="HealthStatus"/>.</summary>
internal sealed record HealthNextFire(string Schedule, string? FireTime, string? AsOf);

/// <summary>A contract's latest scheduled run in <see cref="HealthStatus"/>.</summary>
internal sealed record HealthLastRun(
    string Contract, string Schedule, string FireTime, string Outcome, long? RunId, string FinishedAt, string? Error);
