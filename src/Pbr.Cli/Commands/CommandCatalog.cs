using System.CommandLine;
using NodaTime;

namespace Pbr.Cli.Commands;

/// <summary>Every top-level command, in the order <c>pbr --help</c> lists them. Each lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(IClock clock)
    {
        yield return DbCommand.Create();
        yield return TariffCommand.Create();
        yield return ImportCommand.Create();
        yield return SettleCommand.Create();
        yield return StatementCommand.Create();
        yield return ExplainCommand.Create(clock);
        yield return ReconcileCommand.Create(clock);
        yield return ReplayCommand.Create();
        yield return VerifyCommand.Create();
        yield return ReportCommand.Create();
        yield return DemoCommand.Create();
        yield return CheckCommand.Create();
        yield return TestCommand.Create();
        yield return GenerateCommand.Create();
        yield return ScheduleCommand.Create(clock);
    }
}
