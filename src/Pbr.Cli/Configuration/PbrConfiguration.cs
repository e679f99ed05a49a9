using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using NodaTime;
using Pbr.Cli.Scheduling;
using Pbr.Core;
using Polly;
using Quartz;
using Serilog.Events;

namespace Pbr.Cli.Configuration;

/// <summary>
/// Loads <c>pbr.json</c> (from <c>--config</c>, else <c>PBR_CONFIG</c>) with environment variables
/// <c>PBR__Section__Key</c> laid over it, by Microsoft.Extensions.Configuration's conventions, and
/// validates every key: an unknown key or a bad value is reported with its key and the reason.
/// </summary>
internal static partial class PbrConfiguration
{
    /// <summary>The variable naming the configuration file when <c>--config</c> is not given.</summary>
    public const string ConfigVariable = "PBR_CONFIG";

    /// <summary>The prefix of the variables that override configuration keys.</summary>
    public const string EnvironmentPrefix = "PBR__";

    /// <summary>The time zone of a schedule that names none.</summary>
    public const string DefaultTimeZone = "Europe/London";

    private static readonly Dictionary<string, string[]> s_sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Database"] = ["Url", "DataFolder"],
        ["Logging"] = ["Level", "JsonFile"],
        ["Safety"] = ["MaxContractsPerFire", "RunTimeoutMinutes"],
        ["Retry"] = ["Attempts", "DelaySeconds", "Backoff"],
        ["Health"] = ["IntervalSeconds"],
        ["Schedules"] = [],
    };

    private static readonly string[] s_scheduleKeys = ["Cron", "TimeZone", "Contracts", "AsOf", "KnownAt", "Enabled"];

    /// <summary>Loads the configuration of this process: the file named by <paramref name="path"/> or <c>PBR_CONFIG</c>, then its environment.</summary>
    public static ConfigurationLoad FromProcess(string? path) =>
        Load(
            path ?? Blank(Environment.GetEnvironmentVariable(ConfigVariable)),
            new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix });

    /// <summary>
    /// Loads the JSON file at <paramref name="path"/> (none: defaults only) with <paramref name="overrides"/>
    /// laid over it; tests pass an in-memory source in place of the environment.
    /// </summary>
    public static ConfigurationLoad Load(string? path, IConfigurationSource? overrides)
    {
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                return Fail(new ConfigurationError("--config", $"the file {full} does not exist"));
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        if (overrides is not null)
        {
            builder.Add(overrides);
        }

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            return Fail(new ConfigurationError("--config", $"{path} is not valid JSON: {WhereJsonBroke(e)}"));
        }

        return Read(root);
    }

    private static ConfigurationLoad Read(IConfiguration root)
    {
        var errors = new List<ConfigurationError>();
        foreach (var section in root.GetChildren())
        {
            if (!s_sections.TryGetValue(section.Key, out var keys))
            {
                errors.Add(new(section.Path, $"unknown section; expected one of {string.Join(", ", s_sections.Keys)}"));
                continue;
            }

            foreach (var child in section.GetChildren().Where(c => keys.Length > 0 && !keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add(new(child.Path, $"unknown key; expected one of {string.Join(", ", keys)}"));
            }
        }

        var reader = new Reader(root, errors);
        var databaseUrl = reader.Text("Database:Url");
        var dataFolder = reader.Text("Database:DataFolder");
        var level = reader.Enum("Logging:Level", LogEventLevel.Information);
        var logFile = reader.Text("Logging:JsonFile");
        var maxContracts = reader.Integer("Safety:MaxContractsPerFire", 100, 1, 100_000);
        var timeout = Duration.FromMinutes(reader.Integer("Safety:RunTimeoutMinutes", 60, 1, 24 * 60));
        var retry = new RetrySettings(
            reader.Integer("Retry:Attempts", 3, 0, 20),
            Duration.FromSeconds(reader.Integer("Retry:DelaySeconds", 60, 0, 24 * 3600)),
            reader.Enum("Retry:Backoff", DelayBackoffType.Exponential));
        var health = Duration.FromSeconds(reader.Integer("Health:IntervalSeconds", 30, 1, 3600));
        var schedules = root.GetSection("Schedules").GetChildren()
            .Select(s => ReadSchedule(s, reader, errors))
            .OfType<ScheduleSettings>()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return errors.Count > 0
            ? new ConfigurationLoad(null, [.. errors])
            : new ConfigurationLoad(new PbrSettings(databaseUrl, dataFolder, level, logFile, maxContracts, timeout, retry, health, schedules), []);
    }

    private static ScheduleSettings? ReadSchedule(IConfigurationSection section, Reader reader, List<ConfigurationError> errors)
    {
        var before = errors.Count;
        if (!ScheduleName().IsMatch(section.Key))
        {
            errors.Add(new(section.Path, "a schedule name is 1 to 64 letters, digits, '-' or '_'"));
        }

        foreach (var child in section.GetChildren().Where(c => !s_scheduleKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(new(child.Path, $"unknown key; expected one of {string.Join(", ", s_scheduleKeys)}"));
        }

        var path = section.Path;
        var cron = reader.Text($"{path}:Cron");
        if (cron is null)
        {
            errors.Add(new($"{path}:Cron", "required: a Quartz cron expression, seconds first, such as \"0 0 2 5 * ?\" (02:00 on the 5th)"));
        }
        else
        {
            try
            {
                CronExpression.ValidateExpression(cron);
            }
            catch (FormatException e)
            {
                errors.Add(new($"{path}:Cron", $"'{cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]): {e.Message}"));
            }
        }

        var zoneId = reader.Text($"{path}:TimeZone") ?? DefaultTimeZone;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        TimeZoneInfo? info = null;
        if (zone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out info))
        {
            errors.Add(new($"{path}:TimeZone", $"'{zoneId}' is not a known IANA time zone, such as {DefaultTimeZone}"));
        }

        var asOfText = reader.Text($"{path}:AsOf") ?? AsOfRules.Name(AsOfRule.EndOfPreviousMonth);
        var asOf = AsOfRules.Parse(asOfText);
        if (asOf is null)
        {
            errors.Add(new($"{path}:AsOf", $"'{asOfText}' is not an as-of rule; expected one of {string.Join(", ", AsOfRules.Names)}"));
        }

        var knownAtText = reader.Text($"{path}:KnownAt") ?? "fire-date";
        KnownAtRule? knownAt = knownAtText.Trim().ToLowerInvariant() switch
        {
            "fire-date" => KnownAtRule.FireDate,
            "as-of" => KnownAtRule.AsOf,
            _ => null,
        };
        if (knownAt is null)
        {
            errors.Add(new($"{path}:KnownAt", $"'{knownAtText}' is not a known-at rule; expected fire-date or as-of"));
        }

        var contracts = ReadContracts(section.GetSection("Contracts"), errors);
        var enabled = reader.Boolean($"{path}:Enabled", true);
        return errors.Count > before
            ? null
            : new ScheduleSettings(section.Key, cron!, zone!, info!, contracts, asOf!.Value, knownAt!.Value, enabled);
    }

    private static ImmutableArray<ContractId> ReadContracts(IConfigurationSection section, List<ConfigurationError> errors)
    {
        // Absent, empty, "*" or "all": every contract in force at the fire. Otherwise an array of ids.
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            var value = Blank(section.Value);
            if (value is null || value is "*" || value.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                return [];
            }

            return [new ContractId(value)];
        }

        var contracts = ImmutableArray.CreateBuilder<ContractId>();
        foreach (var child in children)
        {
            if (Blank(child.Value) is { } id && child.GetChildren().Any() is false)
            {
                contracts.Add(new ContractId(id));
            }
            else
            {
                errors.Add(new(child.Path, "a contract id is a non-empty string"));
            }
        }

        return contracts.ToImmutable();
    }

    private static ConfigurationLoad Fail(ConfigurationError error) => new(null, [error]);

    // The parser's exception, under two wrappers ("Failed to load…", "Could not parse the JSON
    // file."), is the one that knows the line; its own position is 0-based, so it is restated 1-based.
    private static string WhereJsonBroke(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } position } json)
            {
                var reason = JsonPosition().Replace(json.Message, string.Empty);
                return string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {position + 1}: {reason}");
            }
        }

        return e.GetBaseException().Message;
    }

    [GeneratedRegex(@"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonPosition();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ScheduleName();

    /// <summary>Reads typed values by key, adding an error naming the key for each bad one.</summary>
    private sealed class Reader(IConfiguration root, List<ConfigurationError> errors)
    {
        public string? Text(string key) => Blank(root[key]);

        public int Integer(string key, int fallback, int min, int max)
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add(new(key, $"'{text}' is not a whole number from {min} to {max}"));
            return fallback;
        }

        public bool Boolean(string key, bool fallback)
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            errors.Add(new(key, $"'{text}' is not true or false"));
            return fallback;
        }

        public T Enum<T>(string key, T fallback)
            where T : struct, Enum
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !text.Any(char.IsDigit))
            {
                return value;
            }

            errors.Add(new(key, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}"));
            return fallback;
        }
    }
}
