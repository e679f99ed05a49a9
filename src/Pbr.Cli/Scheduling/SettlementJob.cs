using NodaTime;
using Quartz;
using Serilog;

namespace Pbr.Cli.Scheduling;

/// <summary>
/// The Quartz job of one schedule. <see cref="DisallowConcurrentExecutionAttribute"/> keeps a schedule's
/// fires from overlapping in this process; the claims in the history keep them from running twice across processes.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SettlementJob(SchedulerHost host) : IJob
{
    /// <summary>The job data key naming the schedule.</summary>
    public const string ScheduleKey = "schedule";

    /// <summary>The trigger data key of a catch-up: the missed fire time it runs, in Unix milliseconds.</summary>
    public const string FireTimeKey = "fireTime";

    public async Task Execute(IJobExecutionContext context)
    {
        var schedule = context.MergedJobDataMap.GetString(ScheduleKey)!;
        // A catch-up carries the fire it stands for; a cron fire is its own scheduled time.
        var fireTime = context.MergedJobDataMap.ContainsKey(FireTimeKey)
            ? Instant.FromUnixTimeMilliseconds(context.MergedJobDataMap.GetLongValue(FireTimeKey))
            : Instant.FromDateTimeOffset(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        try
        {
            await host.FireAsync(schedule, fireTime, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.Warning("Schedule {Schedule} fire {FireTime} stopped before it finished", schedule, fireTime);
        }
#pragma warning disable CA1031 // A fire that cannot even start (the database is down) is logged; the next fire or catch-up tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.Error(e, "Schedule {Schedule} fire {FireTime} failed before settling: {Error}", schedule, fireTime, e.Message);
        }
    }
}
