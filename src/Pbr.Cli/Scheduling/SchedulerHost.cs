using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.Specialized;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Pbr.Cli.Configuration;
using Pbr.Core;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Scheduling;
using Pbr.Ledger.Postgres.Settlement;
using Polly;
using Polly.Retry;
using Quartz;
using Quartz.Impl;
using Quartz.Spi;
using Serilog;

namespace Pbr.Cli.Scheduling;

/// <summary>
/// <c>pbr schedule run</c>'s engine: a Quartz scheduler with one job and one cron trigger per enabled
/// schedule, a catch-up of missed fires at start and on every heartbeat, and an orderly stop.
/// </summary>
/// <remarks>
/// Quartz's own misfire handling is switched off (do nothing) because the scheduler keeps nothing across
/// restarts; instead the history in the database says which fire ran last, and any fires missed since
/// (downtime, or a fire Quartz skipped while the previous one was still running) are caught up once,
/// by running the latest of them with its own fire time. Stopping cancels the running settlement, which
/// rolls back and is recorded as cancelled, and the next start runs that fire again.
/// </remarks>
internal sealed class SchedulerHost
{
    // A fire is only "missed" once it is this late, so the heartbeat never races the cron trigger for it.
    private static readonly Duration s_grace = Duration.FromSeconds(60);

    private readonly PbrSettings _settings;
    private readonly Func<CancellationToken, Task<ITariffCatalog?>> _catalog;
    private readonly IClock _clock;
    private readonly HealthFile _health;
    private readonly ScheduleHistory _history;
    private readonly ScheduledSettlement _settlement;
    private readonly ImmutableDictionary<string, ScheduleSettings> _schedules;
    private readonly ConcurrentDictionary<string, Instant> _caughtUp = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    /// <summary>Creates the host; <paramref name="catalog"/> loads the tariffs in force (null, logged, when there are none).</summary>
    public SchedulerHost(
        PbrSettings settings,
        NpgsqlDataSource dataSource,
        Func<CancellationToken, Task<ITariffCatalog?>> catalog,
        IClock clock,
        string? healthFile,
        string claimedBy,
        SettlementHooks? hooks = null)
    {
        _settings = settings;
        _catalog = catalog;
        _clock = clock;
        _schedules = settings.Schedules.Where(s => s.Enabled).ToImmutableDictionary(s => s.Name, StringComparer.Ordinal);
        _health = new HealthFile(healthFile, clock, settings.Schedules);
        _history = new ScheduleHistory(dataSource);
        _settlement = new ScheduledSettlement(dataSource, FailurePolicy(settings), clock, claimedBy, hooks);
        ClaimedBy = claimedBy;
    }

    /// <summary>Gets the name this scheduler claims fires under.</summary>
    public string ClaimedBy { get; }

    /// <summary>Builds the policy for failed runs of one contract from the <c>Retry</c> and <c>Safety</c> sections.</summary>
    public static ResiliencePipeline FailurePolicy(PbrSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new ResiliencePipelineBuilder();
        if (settings.Retry.Attempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // Everything but a stop is retried: a busy contract, a lost server, a timeout.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = settings.Retry.Attempts,
                Delay = settings.Retry.Delay.ToTimeSpan(),
                BackoffType = settings.Retry.Backoff,
                UseJitter = settings.Retry.Delay > Duration.Zero,
                OnRetry = args =>
                {
                    Log.Warning(
                        "Scheduled run failed ({Error}); retry {Retry} of {Attempts} in {Delay}",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, settings.Retry.Attempts, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(settings.RunTimeout.ToTimeSpan()).Build();
    }

    /// <summary>Runs the scheduler until <paramref name="stopping"/> is cancelled, then stops it and returns.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        _stopping = stopping;
        var properties = new NameValueCollection
        {
            // One scheduler per host object, so that tests may run two in a process.
            ["quartz.scheduler.instanceName"] = $"pbr-{Guid.NewGuid():N}",
            ["quartz.threadPool.maxConcurrency"] = Math.Max(1, _schedules.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz",
        };
        var scheduler = await new StdSchedulerFactory(properties).GetScheduler(CancellationToken.None).ConfigureAwait(false);
        scheduler.JobFactory = new JobFactory(this);
        var started = _clock.GetCurrentInstant();
        foreach (var schedule in _schedules.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var job = JobBuilder.Create<SettlementJob>().WithIdentity(schedule.Name).UsingJobData(SettlementJob.ScheduleKey, schedule.Name).StoreDurably().Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(schedule.Name)
                .ForJob(job)
                .WithCronSchedule(schedule.Cron, cron => cron.InTimeZone(schedule.TimeZoneInfo).WithMisfireHandlingInstructionDoNothing())
                .Build();
            await scheduler.ScheduleJob(job, trigger, CancellationToken.None).ConfigureAwait(false);
            var last = await _history.LastFireAsync(schedule.Name, CancellationToken.None).ConfigureAwait(false);
            if (StartCatchUp(schedule, last, started) is { } fire)
            {
                await TriggerAsync(scheduler, schedule, fire).ConfigureAwait(false);
            }

            Log.Information("Schedule {Schedule}: cron {Cron} in {Zone}, as of {AsOf}", schedule.Name, schedule.Cron, schedule.Zone.Id, AsOfRules.Name(schedule.AsOf));
        }

        await scheduler.Start(CancellationToken.None).ConfigureAwait(false);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await _health.WriteAsync("running", CancellationToken.None).ConfigureAwait(false);
                await Task.Delay(_settings.HealthInterval.ToTimeSpan(), stopping).ConfigureAwait(false);
                foreach (var schedule in _schedules.Values)
                {
                    var last = await _history.LastFireAsync(schedule.Name, CancellationToken.None).ConfigureAwait(false) ?? started;
                    if (Missed(schedule, last, _clock.GetCurrentInstant() - s_grace) is { } fire)
                    {
                        await TriggerAsync(scheduler, schedule, fire).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Log.Information("Stopping: the running settlement, if any, is cancelled and rolled back");
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None).ConfigureAwait(false);
            await _health.WriteAsync("stopped", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The fire to run at start: the latest fire missed since <paramref name="last"/>, or else the last fire
    /// itself, so that contracts it left cancelled or unclaimed are finished (those it settled are skipped).
    /// </summary>
    public static Instant? StartCatchUp(ScheduleSettings schedule, Instant? last, Instant now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (last is not { } lastFire)
        {
            Log.Information("Schedule {Schedule} has no earlier fire in the history: nothing to catch up", schedule.Name);
            return null;
        }

        var (latest, count) = FireCalendar.Missed(schedule, lastFire, now);
        if (latest is { } missed)
        {
            Log.Warning(
                "Schedule {Schedule} missed {Count} fire(s) since {Last} while not running; catching up once, as the fire of {Fire}",
                schedule.Name, count, lastFire, missed);
            return missed;
        }

        return lastFire;
    }

    /// <summary>Settles one fire of the schedule named <paramref name="scheduleName"/>; called by <see cref="SettlementJob"/>.</summary>
    public async Task<ImmutableArray<ContractFireResult>> FireAsync(string scheduleName, Instant fireTime, CancellationToken jobToken)
    {
        var schedule = _schedules[scheduleName];
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(jobToken, _stopping);
        var token = linked.Token;
        var fire = FireCalendar.Fire(schedule, fireTime);
        var asOf = LocalDatePattern.Iso.Format(fire.AsOf);
        var catalog = await _catalog(token).ConfigureAwait(false);
        if (catalog is null)
        {
            Log.Error("Schedule {Schedule} fire {FireTime} as of {AsOf}: no tariffs could be loaded; nothing was settled", scheduleName, fireTime, asOf);
            return [];
        }

        IReadOnlyCollection<ContractId> contracts = schedule.Contracts.IsEmpty ? [.. catalog.Contracts.Select(c => c.Id)] : schedule.Contracts;
        if (contracts.Count > _settings.MaxContractsPerFire)
        {
            Log.Error(
                "Schedule {Schedule} fire {FireTime}: {Count} contracts exceed Safety:MaxContractsPerFire {Max}; nothing was settled",
                scheduleName, fireTime, contracts.Count, _settings.MaxContractsPerFire);
            return [];
        }

        Log.Information("Schedule {Schedule} fire {FireTime}: settling {Count} contract(s) as of {AsOf}", scheduleName, fireTime, contracts.Count, asOf);
        var results = await _settlement.RunAsync(fire, contracts, catalog, token).ConfigureAwait(false);
        foreach (var result in results)
        {
            LogResult(fire, result);
        }

        _health.Record(fire, results);
        await _health.WriteAsync("running", CancellationToken.None).ConfigureAwait(false);
        return results;
    }

    private Instant? Missed(ScheduleSettings schedule, Instant last, Instant before)
    {
        var (latest, count) = FireCalendar.Missed(schedule, last, before);
        if (latest is not { } missed || (_caughtUp.TryGetValue(schedule.Name, out var done) && done >= missed))
        {
            return null;
        }

        Log.Warning("Schedule {Schedule} missed {Count} fire(s) since {Last}; catching up once, as the fire of {Fire}", schedule.Name, count, last, missed);
        return missed;
    }

    private async Task TriggerAsync(IScheduler scheduler, ScheduleSettings schedule, Instant fire)
    {
        _caughtUp[schedule.Name] = fire;
        var trigger = TriggerBuilder.Create()
            .ForJob(schedule.Name)
            .UsingJobData(SettlementJob.FireTimeKey, fire.ToUnixTimeMilliseconds())
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, CancellationToken.None).ConfigureAwait(false);
    }

    private static void LogResult(ScheduledFire fire, ContractFireResult result)
    {
        if (result.Result is not { } r)
        {
            Log.Information("Schedule {Schedule} fire {FireTime}: contract {Contract} was claimed by another scheduler; skipped", fire.Schedule, fire.FireTime, result.Contract.Value);
            return;
        }

        var outcome = ScheduleOutcomeText.Of(r.Outcome);
        switch (r.Outcome)
        {
            case ScheduleOutcome.Failed:
                Log.Error(
                    "Schedule {Schedule} fire {FireTime}: contract {Contract} failed after {Tries} tries in {DurationMs} ms: {Error}",
                    fire.Schedule, fire.FireTime, result.Contract.Value, r.Tries, (long)r.Duration.TotalMilliseconds, r.Error);
                break;
            case ScheduleOutcome.Cancelled:
                Log.Warning("Schedule {Schedule} fire {FireTime}: contract {Contract} cancelled; nothing was posted", fire.Schedule, fire.FireTime, result.Contract.Value);
                break;
            default:
                Log.Information(
                    "Schedule {Schedule} fire {FireTime}: contract {Contract} {Outcome}, run {RunId}, {Lines} lines, {DurationMs} ms",
                    fire.Schedule, fire.FireTime, result.Contract.Value, outcome, r.RunId?.Value, r.LineCount, (long)r.Duration.TotalMilliseconds);
                break;
        }
    }

    /// <summary>Makes each <see cref="SettlementJob"/> with this host.</summary>
    private sealed class JobFactory(SchedulerHost host) : IJobFactory
    {
        public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) => new SettlementJob(host);

        public void ReturnJob(IJob job)
        {
        }
    }
}
