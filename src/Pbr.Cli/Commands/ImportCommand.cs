using System.CommandLine;
using System.Security.Cryptography;
using Pbr.Cli.Settlement;
using Pbr.Core.Model;
using Pbr.Engine.Import;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Serilog;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr import participants|evidence FILE [--skip-bad-rows [--rejects FILE]]</c>: validate a file
/// and load it whole, or (with <c>--skip-bad-rows</c>) load its good rows and write the bad ones to a
/// rejects file. Any problem otherwise: the errors with file, line and column, exit 2, nothing loaded.
/// </summary>
internal static class ImportCommand
{
    private static readonly Argument<FileInfo> s_file = new("FILE") { Description = "The CSV file to import." };
    private static readonly Option<bool> s_skip = new("--skip-bad-rows") { Description = "Load the good rows and write every bad row with its reason to the rejects file." };
    private static readonly Option<FileInfo?> s_rejects = new("--rejects") { Description = "Where --skip-bad-rows writes rejected rows (default FILE.rejects.csv)." };

    public static Command Create()
    {
        var command = new Command("import", "Validate and load participants or evidence.");
        command.Subcommands.Add(Sub("participants", "Import participants.csv: one row per referral or attachment."));
        command.Subcommands.Add(Sub("evidence", "Import evidence.csv: one row per version of a piece of outcome evidence."));
        return command;
    }

    private static Command Sub(string kind, string description)
    {
        var sub = new Command(kind, description);
        sub.Arguments.Add(s_file);
        sub.Options.Add(s_skip);
        sub.Options.Add(s_rejects);
        sub.SetAction((parsed, cancellationToken) =>
            RunAsync(kind, parsed.GetValue(s_file)!, parsed.GetValue(s_skip), parsed.GetValue(s_rejects), quiet: false, cancellationToken));
        return sub;
    }

    internal static async Task<int> RunAsync(string kind, FileInfo file, bool skipBadRows, FileInfo? rejects, bool quiet, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"pbr: {file}: no such file");
            return ExitCodes.InvalidInput;
        }

        return await LedgerSession.UseAsync(
            async session =>
            {
                if (await session.LoadTariffsOrSayWhyAsync(cancellationToken) is not { } compilation)
                {
                    return ExitCodes.Failure;
                }

                var catalog = new ImportCatalog(compilation.Contracts, compilation.Schemes);
                var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
                var name = file.ToString();
                var store = new InputStore(session.DataSource);

                // The progress bars wrap only the work, never the messages, so that nothing is drawn over them.
                return kind == "participants"
                    ? await LoadAsync(
                        await Terminal.WithProgressAsync($"Validating {file.Name}", 1, _ => Task.FromResult(ParticipantsReader.Read(new MemoryStream(bytes), name, catalog))),
                        bytes, skipBadRows, rejects, file, quiet, (f, rows) => store.ImportParticipantsAsync(f, rows, cancellationToken))
                    : await LoadAsync(
                        await Terminal.WithProgressAsync($"Validating {file.Name}", 1, _ => ReadEvidenceAsync(store, catalog, bytes, name, cancellationToken)),
                        bytes, skipBadRows, rejects, file, quiet, (f, rows) => store.ImportEvidenceAsync(f, rows, cancellationToken));
            },
            cancellationToken);
    }

    private static async Task<ImportResult<EvidenceVersion>> ReadEvidenceAsync(
        InputStore store, ImportCatalog catalog, byte[] bytes, string name, CancellationToken cancellationToken)
    {
        var starts = await store.ParticipantStartsAsync(catalog.ContractIds, cancellationToken);
        return EvidenceReader.Read(new MemoryStream(bytes), name, catalog, (c, p) => starts.TryGetValue((c, p), out var start) ? start : null);
    }

    private static async Task<int> LoadAsync<T>(
        ImportResult<T> result,
        byte[] bytes,
        bool skipBadRows,
        FileInfo? rejects,
        FileInfo file,
        bool quiet,
        Func<ImportFile, IReadOnlyList<ImportRow<T>>, Task<ImportOutcome>> load)
    {
        if (!result.IsClean && !(skipBadRows && result.CanSkipBadRows))
        {
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync(problem.ToString());
            }

            await Console.Error.WriteLineAsync($"pbr: {result.Problems.Length} error(s) in {file}; nothing from it was loaded.{(result.CanSkipBadRows ? " Use --skip-bad-rows to load the good rows." : string.Empty)}");
            return ExitCodes.InvalidInput;
        }

        if (!result.IsClean)
        {
            var rejectsFile = rejects ?? new FileInfo(file.FullName + ".rejects.csv");
            await using (var writer = new StreamWriter(rejectsFile.FullName))
            {
                RejectsWriter.Write(writer, result);
            }

            await Console.Error.WriteLineAsync($"pbr: {result.Rejected.Length} bad row(s) skipped; written with their reasons to {rejectsFile}.");
        }

        var source = new ImportFile(Path.GetFileName(file.FullName), Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Rejected.Length);
        // A transient fault is retried: an import is idempotent, since rows already held are skipped.
        List<ImportRow<T>> rows = [.. result.Rows.Select(r => new ImportRow<T>(r.Line, r.Value))];
        var outcome = await Terminal.WithProgressAsync(
            $"Loading {file.Name}", 1, async _ => await TransientRetry.Create().ExecuteAsync(async _ => await load(source, rows)));
        if (outcome.HasConflicts)
        {
            foreach (var conflict in outcome.Conflicts)
            {
                var column = result.Header.IndexOf(conflict.Column) + 1;
                await Console.Error.WriteLineAsync($"{file}({conflict.Line},{column}): error PBR5040: {conflict.Message}");
            }

            await Console.Error.WriteLineAsync($"pbr: {outcome.Conflicts.Length} conflict(s) with the ledger in {file}; nothing from it was loaded.");
            return ExitCodes.InvalidInput;
        }

        Log.Information("Imported {File}: {Inserted} new rows, {Existing} already held, {Rejected} rejected", source.Name, outcome.Inserted, outcome.Existing, source.Rejected);
        if (!quiet)
        {
            Console.WriteLine(outcome.IsNoOp
                ? $"Nothing changed: all {outcome.Existing} rows of {file} are already held."
                : $"Loaded {outcome.Inserted} new rows from {file} ({outcome.Existing} already held).");
        }

        return ExitCodes.Success;
    }
}
