using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Pbr.Cli.Configuration;
using Pbr.Ledger.Postgres.Scheduling;

namespace Pbr.Cli.Scheduling;

/// <summary>
/// Keeps the latest scheduled run per contract and rewrites the <c>--health-file</c> from it. The file is
/// written to a temporary name and renamed over the old one, so a monitor never reads half a file.
/// </summary>
internal sealed class HealthFile(string? path, IClock clock, ImmutableArray<ScheduleSettings> schedules)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly ConcurrentDictionary<string, HealthLastRun> _lastRuns = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _write = new(1, 1);

    /// <summary>Notes the runs of one fire.</summary>
    public void Record(ScheduledFire fire, IEnumerable<ContractFireResult> results)
    {
        ArgumentNullException.ThrowIfNull(fire);
        foreach (var result in results.Where(r => r.Result is not null))
        {
            var r = result.Result!;
            _lastRuns[result.Contract.Value] = new HealthLastRun(
                result.Contract.Value, fire.Schedule, Iso(fire.FireTime), ScheduleOutcomeText.Of(r.Outcome), r.RunId?.Value, Iso(r.FinishedAt), r.Error);
        }
    }

    /// <summary>Builds the status as it is now.</summary>
    public HealthStatus Snapshot(string state)
    {
        var now = clock.GetCurrentInstant();
        var next = schedules.Where(s => s.Enabled).Select(s =>
        {
            var fire = FireCalendar.Next(s, now, 1);
            return fire.IsEmpty
                ? new HealthNextFire(s.Name, null, null)
                : new HealthNextFire(s.Name, Iso(fire[0].FireTime), LocalDatePattern.Iso.Format(fire[0].AsOf));
        });
        return new HealthStatus(
            Iso(now), state, Environment.ProcessId, [.. next], [.. _lastRuns.Values.OrderBy(r => r.Contract, StringComparer.Ordinal)]);
    }

    /// <summary>Rewrites the file, if one was asked for.</summary>
    public async Task WriteAsync(string state, CancellationToken cancellationToken = default)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(Snapshot(state), s_json), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            _write.Release();
        }
    }

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
