using System.CommandLine;
using System.Text;
using Pbr.Engine.Generation;
using Spectre.Console;

namespace Pbr.Cli.Commands;

/// <summary>
/// <c>pbr generate --participants N --seed S --out DIR</c>: synthetic Work Programme data at any
/// scale, the same bytes for the same seed, written as it is made (memory does not grow with N).
/// </summary>
internal static class GenerateCommand
{
    private static readonly Option<long> s_participants = new("--participants")
    {
        Description = "How many participants to write.",
        Required = true,
    };

    private static readonly Option<long> s_seed = new("--seed")
    {
        Description = "The seed; the same seed gives the same files.",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<DirectoryInfo> s_out = new("--out")
    {
        Description = "The folder to write participants.csv and evidence.csv into (created if needed).",
        DefaultValueFactory = _ => new DirectoryInfo("."),
    };

    public static Command Create()
    {
        var command = new Command("generate", "Write realistic synthetic Work Programme participants.csv and evidence.csv.");
        command.Options.Add(s_participants);
        command.Options.Add(s_seed);
        command.Options.Add(s_out);
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(parsed.GetValue(s_participants), parsed.GetValue(s_seed), parsed.GetValue(s_out)!, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(long participants, long seed, DirectoryInfo folder, CancellationToken cancellationToken)
    {
        if (participants < 0)
        {
            await Console.Error.WriteLineAsync("pbr: --participants must be zero or more");
            return ExitCodes.InvalidInput;
        }

        folder.Create();
        var participantsPath = Path.Combine(folder.FullName, "participants.csv");
        var evidencePath = Path.Combine(folder.FullName, "evidence.csv");
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        GenerationSummary summary;
        await using (var people = new StreamWriter(participantsPath, append: false, utf8, bufferSize: 1 << 16))
        await using (var evidence = new StreamWriter(evidencePath, append: false, utf8, bufferSize: 1 << 16))
        {
            // The generator is synchronous and CPU-bound; a bar only when someone is watching.
            summary = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
                ? AnsiConsole.Progress().Start(context =>
                {
                    var task = context.AddTask("Generating participants", maxValue: Math.Max(participants, 1));
                    return WorkProgrammeGenerator.Generate(participants, seed, people, evidence, written =>
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        task.Value = written;
                    });
                })
                : WorkProgrammeGenerator.Generate(participants, seed, people, evidence, _ => cancellationToken.ThrowIfCancellationRequested());
        }

        await Console.Out.WriteLineAsync($"Wrote {summary.Participants:N0} participants to {participantsPath} and {summary.EvidenceRows:N0} evidence rows to {evidencePath} (seed {seed}).");
        return ExitCodes.Success;
    }
}
