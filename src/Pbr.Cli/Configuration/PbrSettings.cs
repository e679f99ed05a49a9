using System.Collections.Immutable;
using NodaTime;
using Serilog.Events;

namespace Pbr.Cli.Configuration;

/// <summary>The whole of <c>pbr.json</c> with its environment overrides, validated.</summary>
/// <param name="DatabaseUrl"><c>Database:Url</c>: an existing PostgreSQL server (as <c>PBR_DATABASE_URL</c>); none for the embedded cluster.</param>
/// <param name="DataFolder"><c>Database:DataFolder</c>: the embedded cluster's data folder (as <c>PBR_HOME</c>).</param>
/// <param name="LogLevel"><c>Logging:Level</c>: the minimum level logged.</param>
/// <param name="LogFile"><c>Logging:JsonFile</c>: a file for structured JSON log events, if any.</param>
/// <param name="MaxContractsPerFire"><c>Safety:MaxContractsPerFire</c>: a fire naming more contracts than this is refused.</param>
/// <param name="RunTimeout"><c>Safety:RunTimeoutMinutes</c>: one attempt at one contract is abandoned (rolled back) after this long.</param>
/// <param name="Retry">The <c>Retry</c> section: the policy for failed scheduled runs.</param>
/// <param name="HealthInterval"><c>Health:IntervalSeconds</c>: how often <c>--health-file</c> is rewritten.</param>
/// <param name="Schedules">The <c>Schedules</c> section, in name order.</param>
internal sealed record PbrSettings(
    string? DatabaseUrl,
    string? DataFolder,
    LogEventLevel LogLevel,
    string? LogFile,
    int MaxContractsPerFire,
    Duration RunTimeout,
    RetrySettings Retry,
    Duration HealthInterval,
    ImmutableArray<ScheduleSettings> Schedules);
