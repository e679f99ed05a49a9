using System.CommandLine;
using Pbr.Dsl;

namespace Pbr.Cli.Commands;

/// <summary><c>pbr test FILE...</c>: run the tests written inside tariff sources.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Tariff sources (.pbr) whose tests to run.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("test", "Run the tests inside tariff sources; report each failure (exit 0 all pass, 1 otherwise, 2 on errors).");
        command.Arguments.Add(files);
        command.SetAction((parsed, _) => Task.FromResult(Run(parsed.GetValue(files) ?? [], Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Compiles the files, runs their tests and writes the report; returns the exit code.</summary>
    public static int Run(IReadOnlyList<FileInfo> files, TextWriter output, TextWriter error)
    {
        if (TariffSources.Read(files, error) is not { } sources)
        {
            return ExitCodes.InvalidInput;
        }

        var compilation = TariffCompiler.Compile(sources);
        if (compilation.HasErrors)
        {
            output.Write(compilation.Render());
            return ExitCodes.InvalidInput;
        }

        var report = compilation.RunTests();
        output.Write(report.Render());
        return report.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
