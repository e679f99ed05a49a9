using Pbr.Dsl.Compilation;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Tests;

/// <summary>Parse → print → parse: the printed text parses cleanly and prints the same again.</summary>
public sealed class RoundTripTests
{
    public static IEnumerable<TestCaseData> Sources()
    {
        yield return new TestCaseData(RepositoryPaths.WorkProgramme).SetName("RoundTrip_work-programme");
        yield return new TestCaseData(RepositoryPaths.Reoffending).SetName("RoundTrip_reoffending");
        yield return new TestCaseData(Path.Combine(RepositoryPaths.Root, "tests", "Pbr.Dsl.Tests", "Features", "features.pbr")).SetName("RoundTrip_features");
        foreach (var path in Directory.GetFiles(RepositoryPaths.Golden, "*.pbr").Order(StringComparer.Ordinal))
        {
            var bag = new DiagnosticBag();
            CompilationPipeline.ParseOnly(RepositoryPaths.Read(path), bag);
            if (!bag.HasErrors)
            {
                yield return new TestCaseData(path).SetName("RoundTrip_" + Path.GetFileNameWithoutExtension(path));
            }
        }
    }

    [TestCaseSource(nameof(Sources))]
    public void Print_ParsedSource_ParsesBackToTheSameTree(string path)
    {
        var original = Parse(RepositoryPaths.Read(path), out var originalErrors);
        Assert.That(originalErrors, Is.Empty);

        var printed = SyntaxPrinter.Print(original);
        var reparsed = Parse(new SourceFile("printed.pbr", printed), out var errors);
        var printedAgain = SyntaxPrinter.Print(reparsed);

        Assert.That(errors, Is.Empty, printed);
        Assert.That(printedAgain, Is.EqualTo(printed));
        Assert.That(reparsed.Declarations.Length, Is.EqualTo(original.Declarations.Length));
    }

    [Test]
    public void Print_WorkProgramme_CompilesToTheSameTestResults()
    {
        var original = Parse(RepositoryPaths.Read(RepositoryPaths.WorkProgramme), out _);
        var printed = new SourceFile("printed.pbr", SyntaxPrinter.Print(original));

        var compilation = TariffCompiler.Compile([printed]);

        Assert.That(compilation.Diagnostics, Is.Empty, compilation.Render());
        var report = compilation.RunTests();
        Assert.That((report.Passed, report.Failed), Is.EqualTo((39, 0)));
    }

    [Test]
    public void Print_Expression_KeepsParenthesesAndOperators()
    {
        var unit = Parse(new SourceFile("e.pbr", "pbr 1\ncontract \"C\"\n  x = -(1 + 2) * 3 / 4 >= 0.5 and not true\nend\n"), out var errors);

        Assert.That(errors, Is.Empty);
        var item = ((ContractSyntax)unit.Declarations[0]).Items[0];
        Assert.That(SyntaxPrinter.Print(item.Value), Is.EqualTo("-(1 + 2) * 3 / 4 >= 0.5 and not true"));
    }

    private static CompilationUnitSyntax Parse(SourceFile file, out List<Diagnostic> errors)
    {
        var bag = new DiagnosticBag();
        var unit = CompilationPipeline.ParseOnly(file, bag);
        errors = [.. bag.Where(d => d.IsError)];
        return unit;
    }
}
