using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using Pbr.Dsl;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;
using Pbr.TestKit;

namespace Pbr.Engine.Tests.Fuzzing;

/// <summary>
/// RELIABILITY 22 for the tariff language: it has no I/O constructs, and pathological tariffs
/// (very long operator chains, deep nesting, huge tables, enormous names and literals) end in
/// errors or a finished compilation and test run within a time bound, never a hang or a crash.
/// </summary>
[Category("Faults")]
public sealed class DslBoundsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static string WorkProgramme => File.ReadAllText(RepositoryFiles.WorkProgrammeTariff);

    [TestCase(1_000)]
    [TestCase(1_001)]
    [TestCase(100_000)]
    public void Compile_LongChainOfAdditions_ErrorsOrCompilesWithinTheBound(int terms)
    {
        // Left-associative chains are built by a loop, not by recursion, so the parser's depth limit does not see them.
        var chain = "fees.job_outcome" + string.Concat(Enumerable.Repeat(" + £0.00", terms));
        var text = WorkProgramme.Replace("pay fees.job_outcome\n", "pay " + chain + "\n", StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(WorkProgramme));

        var compilation = CompileWithinBound(text);

        // Adding £0.00 changes nothing: up to 1,000 operators the chain is accepted and the sample's own
        // tests still pass; beyond, one error at the 1,001st operator (100,000 overflowed the binder's stack).
        if (terms <= 1_000)
        {
            Assert.That(compilation.HasErrors, Is.False, compilation.Render());
            Assert.That(Within(() => compilation.RunTests()).AllPassed, Is.True);
        }
        else
        {
            var error = compilation.Diagnostics.Single(d => d.IsError);
            Assert.That(error.Message, Does.Contain("a simpler expression (more than 1,000 operators)"));
            Assert.That(error.Location.Span.Start, Is.EqualTo(text.IndexOf("pay fees.job_outcome", StringComparison.Ordinal) + "pay fees.job_outcome".Length + (1_000 * " + £0.00".Length) + 1));
        }
    }

    [TestCase(1_000)]
    [TestCase(100_000)]
    public void Compile_LongChainOfConditions_ErrorsOrCompilesWithinTheBound(int terms)
    {
        var chain = "start_date >= 2011-06-01" + string.Concat(Enumerable.Repeat(" and true", terms));
        var text = WorkProgramme.Replace("    pay fees.sustainment\n", "    when " + chain + "\n    pay fees.sustainment\n", StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(WorkProgramme));

        var compilation = CompileWithinBound(text);

        Assert.That(compilation.HasErrors || compilation.RunTests().AllPassed, Is.True, compilation.Render());
    }

    [TestCase("(")]
    [TestCase("-")]
    [TestCase("not ")]
    public void Compile_DeepNesting_ReportedAsAnError(string prefix)
    {
        var text = WorkProgramme.Replace("pay fees.job_outcome\n", "pay " + string.Concat(Enumerable.Repeat(prefix, 50_000)) + "fees.job_outcome\n", StringComparison.Ordinal);

        var compilation = CompileWithinBound(text);

        Assert.That(compilation.HasErrors, Is.True);
        Assert.That(compilation.Contracts, Is.Empty);
    }

    [Test]
    public void Compile_TableOfTwentyThousandRows_CompilesAndPricesWithinTheBound()
    {
        // "JSA 18-24" cut into one row per day from 2011-06-01, 20,000 rows (to 2066), then the open
        // row, all with the sample's values: the sample's own tests must still pass.
        var rows = new StringBuilder();
        var day = new LocalDate(2011, 6, 1);
        for (var i = 0; i < 20_000; i++, day = day.PlusDays(1))
        {
            rows.Append(CultureInfo.InvariantCulture, $"    \"JSA 18-24\"          from {day:yyyy-MM-dd} until {day:yyyy-MM-dd}: £400.00, £1,200.00, 26 weeks, £170.00, 13\n");
        }

        rows.Append(CultureInfo.InvariantCulture, $"    \"JSA 18-24\"          from {day:yyyy-MM-dd}: £400.00, £1,200.00, 26 weeks, £170.00, 13\n");
        const string FirstRow = "    \"JSA 18-24\"          from 2011-06-01: £400.00, £1,200.00, 26 weeks, £170.00, 13\n";
        var text = WorkProgramme.Replace(FirstRow, rows.ToString(), StringComparison.Ordinal);
        Assert.That(text.Length, Is.GreaterThan(WorkProgramme.Length + 1_000_000));

        var compilation = CompileWithinBound(text);

        Assert.That(compilation.HasErrors, Is.False, compilation.Render());
        Assert.That(Within(() => compilation.RunTests()).AllPassed, Is.True);
    }

    [Test]
    public void Compile_MillionCharacterNameAndText_CompilesWithinTheBoundAndKeepsThem()
    {
        var name = new string('w', 1_000_000);
        var provider = new string('A', 1_000_000);
        var text = WorkProgramme
            .Replace("scheme work_programme\n", "scheme " + name + "\n", StringComparison.Ordinal)
            .Replace("provider \"Alpha Employment Ltd\"", "provider \"" + provider + "\"", StringComparison.Ordinal);

        var compilation = CompileWithinBound(text);

        Assert.That(compilation.HasErrors, Is.False, compilation.Render());
        Assert.That(compilation.Contracts.Single(c => c.Id.Value == "WP-CPA1-ALPHA").Provider.Value, Is.EqualTo(provider));
        Assert.That(compilation.Schemes.Single().Id.Value, Is.EqualTo(name));
    }

    [Test]
    public void Language_NoInputOutput_NoSuchWordsAndNoSuchCalls()
    {
        // No reserved word reads or writes anything outside the compilation.
        string[] io = ["import", "include", "load", "read", "write", "open", "file", "exec", "shell", "http", "url", "env", "system", "call", "now", "today", "random"];
        Assert.That(Keywords.All.Intersect(io), Is.Empty);

        // ... and statements that would are errors, not silently ignored.
        foreach (var line in new[] { "include \"/etc/passwd\"", "import \"samples/x.pbr\"", "read \"participants.csv\"", "exec \"rm -rf /\"" })
        {
            var compilation = TariffCompiler.Compile([new SourceFile("io.pbr", "pbr 1\n" + line + "\n" + WorkProgramme.Replace("pbr 1\n", string.Empty, StringComparison.Ordinal))]);
            Assert.That(compilation.HasErrors, Is.True, line);
        }

        // ... and the compiler's source calls nothing that reaches files, processes, the network, the clock or the environment.
        string[] calls = ["File.Read", "File.Open", "File.Write", "File.Append", "File.Exists", "File.Create", "File.Delete", "File.Copy", "File.Move", "Directory.", "FileStream", "StreamReader", "StreamWriter", "Process.", "HttpClient", "Socket", "WebRequest", "Environment.", "DateTime.Now", "DateTime.UtcNow", "SystemClock", "new Random", "Assembly.Load", "Activator.", "Type.GetType"];
        var source = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src", "Pbr.Dsl"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((l, i) => (File: Path.GetFileName(f), Line: i + 1, Text: l)))
            .ToList();
        Assert.That(source, Has.Count.GreaterThan(3_000));
        var call = new Regex(@"(?<![\w.])(" + string.Join('|', calls.Select(Regex.Escape)) + ")");
        Assert.That(source.Where(l => call.IsMatch(l.Text)).Select(l => $"{l.File}({l.Line}): {l.Text.Trim()}"), Is.Empty);
    }

    private static TariffCompilation CompileWithinBound(string text) =>
        Within(() => TariffCompiler.Compile([new SourceFile("pathological.pbr", text)]));

    // The CLI compiles on its main thread; a worker thread has a smaller stack, so this is the stricter test.
    private static T Within<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.That(task.Wait(Bound), Is.True, $"still running after {Bound.TotalSeconds} s");
        return task.Result;
    }
}
