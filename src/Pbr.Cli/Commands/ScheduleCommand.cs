using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using NodaTime;
using NodaTime.Text;
using Pbr.Cli.Configuration;
using Pbr.Cli.Scheduling;
using Pbr.Cli.Settlement;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Scheduling;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr schedule run|list|history [--config FILE]</c>: scheduled settlement runs from <c>pbr.json</c>.
/// Exit 0 done, 1 failure, 2 invalid configuration or input.
/// </summary>
internal static class ScheduleCommand
{
    private static readonly Option<FileInfo?> s_config = new("--config")
    {
        Description = $"The configuration file (default: ${PbrConfiguration.ConfigVariable}); {PbrConfiguration.EnvironmentPrefix}Section__Key variables override it.",
        Recursive = true,
    };

    private static readonly Option<FileInfo?> s_healthFile = new("--health-file") { Description = "Rewrite this file with a JSON status: heartbeat, last run per contract, next fires." };
    private static readonly Option<int> s_count = new("--count") { Description = "How many fire times to show per schedule.", DefaultValueFactory = _ => 5 };
    private static readonly Option<string?> s_after = new("--after") { Description = "List the fires after this instant (e.g. 2026-01-01T00:00:00Z) instead of now." };
    private static readonly Option<string?> s_schedule = new("--schedule") { Description = "Only this schedule's runs." };
    private static readonly Option<int> s_limit = new("--limit") { Description = "How many runs to show, newest first.", DefaultValueFactory = _ => 50 };


    public static Command Create(IClock clock)
    {
        var command = new Command("schedule", "Scheduled settlement runs: run the scheduler, list the next fires, show the history.");
        command.Options.Add(s_config);

        var run = new Command("run", "Run the schedules of the configuration until stopped (Ctrl-C or SIGTERM).");
        run.Options.Add(s_healthFile);
        run.SetAction((parsed, token) => RunAsync(parsed.GetValue(s_config), parsed.GetValue(s_healthFile), clock, token));
        command.Subcommands.Add(run);

        var list = new Command("list", "Show each schedule's next fire times and the as-of date each would use.");
        list.Options.Add(s_count);
        list.Options.Add(s_after);
        list.SetAction((parsed, _) => Task.FromResult(List(parsed.GetValue(s_config), parsed.GetValue(s_count), parsed.GetValue(s_after), clock)));
        command.Subcommands.Add(list);

        var history = new Command("history", "Show past scheduled runs: outcome, duration and the run id they posted.");
        history.Options.Add(s_schedule);
        history.Options.Add(s_limit);
        history.SetAction((parsed, token) => HistoryAsync(parsed.GetValue(s_config), parsed.GetValue(s_schedule), parsed.GetValue(s_limit), token));
        command.Subcommands.Add(history);
        return command;
    }

    private static PbrSettings? Load(FileInfo? config)
    {
        var load = PbrConfiguration.FromProcess(config?.FullName);
        foreach (var error in load.Errors)
        {
            Console.Error.WriteLine($"pbr: invalid configuration: {error}");
        }

        return load.Settings;
    }

    private static PbrEnvironment Environment(PbrSettings settings)
    {
        var process = PbrEnvironment.FromProcess();
        return process with { DatabaseUrl = settings.DatabaseUrl ?? process.DatabaseUrl, PbrHome = settings.DataFolder ?? process.PbrHome };
    }

    private static async Task<int> RunAsync(FileInfo? config, FileInfo? healthFile, IClock clock, CancellationToken cancellationToken)
    {
        if (Load(config) is not { } settings)
        {
            return ExitCodes.InvalidInput;
        }

        if (!settings.Schedules.Any(s => s.Enabled))
        {
            await Console.Error.WriteLineAsync("pbr: invalid configuration: Schedules: no enabled schedule to run");
            return ExitCodes.InvalidInput;
        }

        UseLogSettings(settings);
        var (session, error) = await LedgerSession.OpenAsync(Environment(settings), cancellationToken);
        if (session is null)
        {
            await Console.Error.WriteLineAsync($"pbr: {error}");
            return ExitCodes.Failure;
        }

        await using (session)
        {
            var claimedBy = $"{System.Environment.MachineName}:{System.Environment.ProcessId}";
            var host = new SchedulerHost(settings, session.DataSource, token => CatalogAsync(session, token), clock, healthFile?.FullName, claimedBy);
            Log.Information("Scheduler {ClaimedBy} started with {Count} schedule(s)", claimedBy, settings.Schedules.Count(s => s.Enabled));
            // SIGTERM (a service manager's stop) and Ctrl-C stop the scheduler in order: the running
            // settlement is cancelled and rolled back, its outcome recorded, and the process exits 0.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
            await host.RunAsync(stop.Token);
            Log.Information("Scheduler {ClaimedBy} stopped", claimedBy);
            return ExitCodes.Success;
        }
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        Log.Information("{Signal} received: stopping; a running settlement is cancelled and rolled back", context.Signal);
        stop.Cancel();
    }

    private static async Task<ITariffCatalog?> CatalogAsync(LedgerSession session, CancellationToken cancellationToken)
    {
        var (compilation, error) = await session.LoadTariffsAsync(cancellationToken);
        if (compilation is null)
        {
            Log.Error("Cannot load the tariffs: {Error}", error);
            return null;
        }

        return LedgerSession.Catalog(compilation);
    }

    private static void UseLogSettings(PbrSettings settings)
    {
        // The scheduler is unattended: its runs go to stderr at Information, besides what the global options asked for.
        var previous = Log.Logger;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(settings.LogLevel)
            // Quartz logs its own start and stop at Information through Serilog; only its warnings matter here.
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Logger(previous)
            .WriteTo.Logger(l => l
                .Filter.ByIncludingOnly(e => e.Level < LogEventLevel.Warning)
                .WriteTo.Console(
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ssZ} {Level:u3} {Message:lj}{NewLine}",
                    formatProvider: CultureInfo.InvariantCulture));
        if (settings.LogFile is { } file)
        {
            config = config.WriteTo.File(new CompactJsonFormatter(), file);
        }

        Log.Logger = config.CreateLogger();
    }

    private static int List(FileInfo? config, int count, string? after, IClock clock)
    {
        if (Load(config) is not { } settings)
        {
            return ExitCodes.InvalidInput;
        }

        var from = clock.GetCurrentInstant();
        if (after is not null)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(after);
            if (!parsed.Success)
            {
                Console.Error.WriteLine($"pbr: --after: '{after}' is not an instant (expected e.g. 2026-01-01T00:00:00Z)");
                return ExitCodes.InvalidInput;
            }

            from = parsed.Value;
        }

        if (count is < 1 or > 1000)
        {
            Console.Error.WriteLine("pbr: --count: expected 1 to 1000");
            return ExitCodes.InvalidInput;
        }

        if (settings.Schedules.IsEmpty)
        {
            Console.WriteLine("No schedules are configured.");
            return ExitCodes.Success;
        }

        Terminal.WidenWhenRedirected();
        var table = new Table().AddColumns("schedule", "fire time", "zone", "as of", "known at", "contracts");
        var local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");
        foreach (var schedule in settings.Schedules)
        {
            var contracts = schedule.Contracts.IsEmpty ? "all" : string.Join(" ", schedule.Contracts.Select(c => c.Value));
            if (!schedule.Enabled)
            {
                table.AddRow(Markup.Escape(schedule.Name), "disabled", schedule.Zone.Id, "-", "-", Markup.Escape(contracts));
                continue;
            }

            foreach (var fire in FireCalendar.Next(schedule, from, count))
            {
                var zoned = fire.FireTime.InZone(schedule.Zone);
                table.AddRow(
                    Markup.Escape(schedule.Name),
                    $"{local.Format(zoned.LocalDateTime)} {zoned.Offset}",
                    schedule.Zone.Id,
                    LocalDatePattern.Iso.Format(fire.AsOf),
                    LocalDatePattern.Iso.Format(fire.KnownAt),
                    Markup.Escape(contracts));
            }
        }

        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    private static async Task<int> HistoryAsync(FileInfo? config, string? schedule, int limit, CancellationToken cancellationToken)
    {
        if (Load(config) is not { } settings)
        {
            return ExitCodes.InvalidInput;
        }

        if (limit is < 1 or > 100_000)
        {
            await Console.Error.WriteLineAsync("pbr: --limit: expected 1 to 100000");
            return ExitCodes.InvalidInput;
        }

        var (session, error) = await LedgerSession.OpenAsync(Environment(settings), cancellationToken);
        if (session is null)
        {
            await Console.Error.WriteLineAsync($"pbr: {error}");
            return ExitCodes.Failure;
        }

        await using (session)
        {
            var entries = await new ScheduleHistory(session.DataSource).ListAsync(schedule, limit, cancellationToken);
            if (entries.IsEmpty)
            {
                Console.WriteLine("No scheduled runs yet.");
                return ExitCodes.Success;
            }

            Terminal.WidenWhenRedirected();
            var table = new Table().AddColumns("schedule", "fire time", "contract", "attempt", "as of", "outcome", "duration", "tries", "run", "lines", "error");
            foreach (var e in entries)
            {
                var r = e.Result;
                table.AddRow(
                    Markup.Escape(e.Schedule),
                    InstantPattern.General.Format(e.FireTime),
                    Markup.Escape(e.Contract.Value),
                    e.Attempt.ToString(CultureInfo.InvariantCulture),
                    LocalDatePattern.Iso.Format(e.AsOf),
                    r is null ? "unfinished" : ScheduleOutcomeText.Of(r.Outcome),
                    r is null ? "-" : $"{(long)r.Duration.TotalMilliseconds} ms",
                    r?.Tries.ToString(CultureInfo.InvariantCulture) ?? "-",
                    r?.RunId?.ToString() ?? "-",
                    r?.LineCount.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(r?.Error ?? string.Empty));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }
    }
}
