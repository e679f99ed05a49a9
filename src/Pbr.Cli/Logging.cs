using System.CommandLine;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Pbr.Cli;

/// <summary>
/// Serilog for the whole process: readable lines on stderr, and structured JSON to a file on request.
/// Participant identifiers are only ever logged at Debug.
/// </summary>
internal static class Logging
{
    public static IDisposable Configure(ParseResult parsed)
    {
        var level = parsed.GetValue(GlobalOptions.Verbose) ? LogEventLevel.Debug : LogEventLevel.Information;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                restrictedToMinimumLevel: LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Level:u3} {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (parsed.GetValue(GlobalOptions.LogJson) is { } file)
        {
            config = config.WriteTo.File(new CompactJsonFormatter(), file.FullName);
        }

        Log.Logger = config.CreateLogger();
        return new Flush();
    }

    private sealed class Flush : IDisposable
    {
        public void Dispose() => Log.CloseAndFlush();
    }
}
