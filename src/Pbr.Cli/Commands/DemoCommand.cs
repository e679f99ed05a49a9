using System.CommandLine;

namespace Pbr.Cli.Commands;

/// <summary><c>pbr demo</c>: the first experience for a newcomer.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Bring up the embedded database, publish the sample schemes, settle them month by month and print statements.");
        command.SetAction((_, _) => Task.FromResult(ExitCodes.Success));
        return command;
    }
}
