using System.CommandLine;
using NodaTime;
using Pbr.Cli.Commands;

namespace Pbr.Cli;

internal static class Program
{
    // The composition root is the one place that reads the system clock; everything else takes an IClock.
#pragma warning disable RS0030
    private static readonly IClock Clock = SystemClock.Instance;
#pragma warning restore RS0030

    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("PbrEngine: settle payment-by-results contracts from verified outcome evidence.");
        root.Options.Add(GlobalOptions.LogJson);
        root.Options.Add(GlobalOptions.Verbose);
        foreach (var command in CommandCatalog.All(Clock))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"pbr: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'pbr --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        using var logging = Logging.Configure(parsed);
        // On Ctrl-C or SIGTERM a command gets time to roll back its transaction and record the outcome.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}
