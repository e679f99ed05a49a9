using Pbr.Cli.Commands;

namespace Pbr.Cli.Tests.Language;

/// <summary><c>pbr check</c> and <c>pbr test</c> on the samples and on broken sources: output and exit codes.</summary>
public sealed class CheckAndTestCommandTests
{
    private static readonly string Root = FindRoot();

    // The sources a test writes, deleted after it: the suite left two files in the temp folder per run.
    private readonly List<string> _written = [];

    private static FileInfo WorkProgramme => new(Path.Combine(Root, "samples", "work-programme", "work-programme.pbr"));

    private static FileInfo Reoffending => new(Path.Combine(Root, "samples", "reoffending", "reoffending.pbr"));

    [Test]
    public void Check_Samples_PrintsTheSummaryAndExitsZero()
    {
        var output = new StringWriter();

        var exit = CheckCommand.Run([WorkProgramme, Reoffending], output, new StringWriter());

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output.ToString(), Is.EqualTo("2 files checked: 0 errors, 0 warnings\n"));
    }

    [Test]
    public void Check_SourceWithAnError_PrintsTheDiagnosticAndExitsTwo()
    {
        var file = Temp("pbr 1\nscheme s\n  rounding half_away_from_zero\n  outcome a\n    due on start\n    pay £50\n  end\nend\n");
        var output = new StringWriter();

        var exit = CheckCommand.Run([file], output, new StringWriter());

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output.ToString(), Is.EqualTo(
            $"{file.Name}(6,9): error PBR1004: money '£50' must be written in pounds and pence, e.g. £1,200.00\n"
            + "        pay £50\n"
            + "            ^^^\n"
            + "1 file checked: 1 error, 0 warnings\n"));
    }

    [Test]
    public void Check_MissingFile_ExitsTwoWithAMessage()
    {
        var error = new StringWriter();

        var exit = CheckCommand.Run([new FileInfo(Path.Combine(Path.GetTempPath(), "no-such-tariff.pbr"))], new StringWriter(), error);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("no such file"));
    }

    [Test]
    public void Test_Samples_AllCasesPassAndExitZero()
    {
        var output = new StringWriter();

        var exit = TestCommand.Run([WorkProgramme, Reoffending], output, new StringWriter());

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output.ToString(), Is.EqualTo("51 passed, 0 failed\n"));
    }

    [Test]
    public void Test_WrongExpectation_ReportsExpectedAndActualAndExitsOne()
    {
        var text = File.ReadAllText(WorkProgramme.FullName)
            .Replace("expect sustainment 1 £106.38 on 2011-09-27", "expect sustainment 1 £106.37 on 2011-09-27", StringComparison.Ordinal);
        var file = Temp(text);
        var output = new StringWriter();

        var exit = TestCommand.Run([file], output, new StringWriter());

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain(": test \"discount rounding half away from zero: £115.00\" failed\n"
            + $"    expected: sustainment 1 £106.37 on 2011-09-27  ({file.Name}(430,3))\n"
            + "    actual:   sustainment 1 £106.38 on 2011-09-27\n"));
        Assert.That(output.ToString(), Does.EndWith("38 passed, 1 failed\n"));
    }

    [TearDown]
    public void DeleteWritten() => _written.ForEach(File.Delete);

    private FileInfo Temp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pbr-{Guid.NewGuid():N}.pbr");
        File.WriteAllText(path, text);
        _written.Add(path);
        return new FileInfo(path);
    }

    private static string FindRoot() => Pbr.TestKit.RepositoryFiles.Root;
}
