using NodaTime;
using Quartz;

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
        await host.FireAsync(schedule, fireTime, context.CancellationToken).ConfigureAwait(false);
    }
}
