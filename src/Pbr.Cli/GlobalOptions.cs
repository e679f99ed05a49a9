using System.CommandLine;

namespace Pbr.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<FileInfo?> LogJson = new("--log-json")
    {
        Description = "Also write structured JSON log events to this file.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log at Debug level (may include participant identifiers).",
        Recursive = true,
    };
}
