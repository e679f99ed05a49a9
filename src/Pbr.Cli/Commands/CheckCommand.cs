using System.CommandLine;
using Pbr.Dsl;

namespace Pbr.Cli.Commands;

/// <summary><c>pbr check FILE...</c>: parse and type-check tariff sources and print every diagnostic.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Tariff sources (.pbr) to check together.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Parse and type-check tariff sources; print diagnostics (exit 0 clean, 2 with errors).");
        command.Arguments.Add(files);
        command.SetAction((parsed, _) => Task.FromResult(Run(parsed.GetValue(files) ?? [], Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Checks the files and writes what <c>pbr check</c> prints; returns the exit code.</summary>
    public static int Run(IReadOnlyList<FileInfo> files, TextWriter output, TextWriter error)
    {
        if (TariffSources.Read(files, error) is not { } sources)
        {
            return ExitCodes.InvalidInput;
        }

        var compilation = TariffCompiler.Compile(sources);
        output.Write(compilation.Render());
        return compilation.HasErrors ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}
