using System.Text;
using System.Text.RegularExpressions;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.TestKit;
using Pbr.TestKit.Fuzzing;

namespace Pbr.Engine.Tests.Fuzzing;

/// <summary>
/// Issue 8, item 5 for the DSL front end: the same mutation catalogue as the CSV readers, on the
/// bytes of the sample tariffs, decoded as <c>pbr check</c> and <c>pbr tariff publish</c> read a file.
/// <see cref="TariffCompiler.Compile"/> must never throw or hang, every diagnostic must point into
/// the text, a compilation with errors must offer no contract or scheme (never half a tariff), and
/// whatever compiles must run its own tests within the bound (evaluation is bounded too).
/// </summary>
[Category("Faults")]
public sealed partial class DslFuzzTests
{
    private const string Path = "fuzz.pbr";

    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private static readonly IReadOnlyList<byte[]> Originals =
    [
        File.ReadAllBytes(RepositoryFiles.WorkProgrammeTariff),
        File.ReadAllBytes(RepositoryFiles.Sample("reoffending", "reoffending.pbr")),
    ];

    [Test]
    public void Compile_MutatedTariffs_DiagnosticsInsideTheTextNeverPartial()
    {
        foreach (var original in Originals)
        {
            Assert.That(TariffCompiler.Compile([new SourceFile(Path, Decode(original))]).HasErrors, Is.False, "every original compiles");
        }

        var report = FuzzRunner.Run("dsl", Originals, PerCase, Judge);

        if (FuzzSettings.OnlyCase is null)
        {
            Assert.That(report.ByOutcome.Keys, Is.SupersetOf(new[] { "errors", "compiled, tests run" }), report.ToString());
        }
    }

    private static FuzzVerdict Judge(FuzzCase fuzzCase)
    {
        var text = Decode(fuzzCase.Input);
        var compilation = TariffCompiler.Compile([new SourceFile(Path, text)]);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            var span = diagnostic.Location.Span;
            if (!Id().IsMatch(diagnostic.Id) || diagnostic.Message.Length == 0 || diagnostic.Location.File.Path != Path
                || span.Start < 0 || span.Length < 0 || span.End > text.Length)
            {
                return FuzzVerdict.Broken("errors", $"imprecise diagnostic {diagnostic.Id} at {span} of {text.Length} characters: {diagnostic.Message}");
            }

            _ = diagnostic.Render();
        }

        if (compilation.HasErrors)
        {
            return compilation.Contracts.Count == 0 && compilation.Schemes.Count == 0
                ? FuzzVerdict.Ok("errors")
                : FuzzVerdict.Broken("errors", "a compilation with errors offers contracts or schemes");
        }

        if (compilation.Contracts.Count == 0 && compilation.Schemes.Count == 0)
        {
            return FuzzVerdict.Ok("compiled, nothing declared");
        }

        // Whatever compiles is evaluated by its own tests; the runner's time bound covers both.
        var report = compilation.RunTests();
        return FuzzVerdict.Ok(report.Cases.Length > 0 ? "compiled, tests run" : "compiled, no tests");
    }

    [TestCase("utf8-bom")]
    [TestCase("crlf")]
    public void Compile_HarmlessRewriteOfASample_CompilesTheSame(string mutation)
    {
        foreach (var original in Originals)
        {
            var rewritten = Mutations.Named(mutation).Apply(original, new Random(1));

            var compilation = TariffCompiler.Compile([new SourceFile(Path, Decode(rewritten))]);

            Assert.That(compilation.Diagnostics.Where(d => d.IsError).Select(d => d.Headline), Is.Empty);
            Assert.That(compilation.Contracts.Count, Is.EqualTo(TariffCompiler.Compile([new SourceFile(Path, Decode(original))]).Contracts.Count));
        }
    }

    // As File.ReadAllText reads a tariff: UTF-8 unless a byte order mark says otherwise, bad bytes replaced.
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^PBR[0-9]{4}$")]
    private static partial Regex Id();
}
