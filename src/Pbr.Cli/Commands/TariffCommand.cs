using System.CommandLine;
using Pbr.Cli.Settlement;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tariffs;
using Serilog;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr tariff publish FILE...</c>: check tariff sources and store them by SHA-256 as the versions
/// in force. Exit 2 with the diagnostics (nothing stored) when they do not compile.
/// </summary>
internal static class TariffCommand
{
    private static readonly Argument<FileInfo[]> s_files = new("FILE")
    {
        Description = "Tariff sources (.pbr) to publish together.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var publish = new Command("publish", "Check tariff sources and make them the versions in force; unchanged text is a no-op.");
        publish.Arguments.Add(s_files);
        publish.SetAction((parsed, cancellationToken) => PublishAsync(parsed.GetValue(s_files)!, cancellationToken));
        var command = new Command("tariff", "Publish tariff sources to the ledger.");
        command.Subcommands.Add(publish);
        return command;
    }

    internal static async Task<int> PublishAsync(IReadOnlyList<FileInfo> files, CancellationToken cancellationToken)
    {
        var sources = new List<SourceFile>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"pbr: {file}: no such file");
                return ExitCodes.InvalidInput;
            }

            sources.Add(new SourceFile(file.ToString(), await File.ReadAllTextAsync(file.FullName, cancellationToken)));
        }

        var compilation = TariffCompiler.Compile(sources);
        if (compilation.HasErrors)
        {
            await Console.Error.WriteAsync(compilation.Render());
            await Console.Error.WriteLineAsync("pbr: nothing was published.");
            return ExitCodes.InvalidInput;
        }

        var (session, error) = await LedgerSession.OpenAsync(cancellationToken);
        if (session is null)
        {
            await Console.Error.WriteLineAsync($"pbr: {error}");
            return ExitCodes.Failure;
        }

        await using (session)
        {
            // Publishing is idempotent (sources by hash, versions only when they change), so a transient fault is retried.
            var store = new TariffStore(session.DataSource);
            var result = await TransientRetry.Create().ExecuteAsync(async token => await store.PublishAsync(compilation, token), cancellationToken);
            Log.Information("Published {Sources} new tariff sources; {Changed} versions changed", result.StoredSha256s.Length, result.ChangedSubjects.Length);
            if (result.IsNoOp)
            {
                Console.WriteLine("Nothing changed: these sources are already the versions in force.");
                return ExitCodes.Success;
            }

            foreach (var source in compilation.Sources)
            {
                Console.WriteLine($"{Path.GetFileName(source.Path)}  sha256 {source.Sha256}{(result.StoredSha256s.Contains(source.Sha256) ? "  (stored)" : string.Empty)}");
            }

            foreach (var subject in result.ChangedSubjects)
            {
                Console.WriteLine($"now in force: {subject}");
            }

            return ExitCodes.Success;
        }
    }
}
