using System.CommandLine;

namespace Pbr.Cli.Commands;

/// <summary>Every top-level command, in the order <c>pbr --help</c> lists them. Each lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DbCommand.Create();
        yield return TariffCommand.Create();
        yield return ImportCommand.Create();
        yield return SettleCommand.Create();
        yield return StatementCommand.Create();
        yield return DemoCommand.Create();
        yield return CheckCommand.Create();
        yield return TestCommand.Create();
        yield return GenerateCommand.Create();
        yield return ScheduleCommand.Create();
    }
}
