namespace Pbr.Dsl.Tests;

/// <summary>
/// Golden diagnostics: each <c>Golden/*.pbr</c> is checked on its own and the rendered output must
/// equal its <c>.expected</c> file exactly. Set <c>PBR_UPDATE_GOLDEN=1</c> to rewrite the expected
/// files, then review every change by eye before committing it.
/// </summary>
public sealed class GoldenDiagnosticsTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.GetFiles(RepositoryPaths.Golden, "*.pbr")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileNameWithoutExtension(path)).SetName("Check_" + Path.GetFileNameWithoutExtension(path)));

    [Test]
    public void Golden_HasAtLeastFortyCases()
    {
        Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(40));
    }

    [TestCaseSource(nameof(Cases))]
    public void Check_GoldenCase_RendersExactlyTheExpectedOutput(string name)
    {
        var source = RepositoryPaths.Read(Path.Combine(RepositoryPaths.Golden, name + ".pbr"));
        var rendered = TariffCompiler.Compile([source]).Render();
        var expectedPath = Path.Combine(RepositoryPaths.Golden, name + ".expected");
        if (Environment.GetEnvironmentVariable("PBR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, rendered);
            Assert.Pass("Rewrote " + expectedPath + "; review it before committing.");
        }

        Assert.That(File.Exists(expectedPath), Is.True, "Missing " + expectedPath + "; run with PBR_UPDATE_GOLDEN=1 and review.");
        Assert.That(rendered, Is.EqualTo(File.ReadAllText(expectedPath)));
    }
}
