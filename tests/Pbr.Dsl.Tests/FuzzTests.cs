using System.Text;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Compilation;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Tests;

/// <summary>
/// Random and mutated sources must never crash or hang the lexer, parser or binder: each case is
/// bounded in time and may only end in diagnostics.
/// </summary>
[Category("Faults")]
public sealed class FuzzTests
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(2);

    private static readonly string[] Pieces =
    [
        .. Keywords.All, "(", ")", ",", ":", ".", "+", "-", "*", "/", "=", "==", "!=", "<", "<=", ">", ">=", "\n", " ",
        "\"JSA 18-24\"", "\"", "£1,200.00", "£5", "£1,2,3.00", "2011-06-01", "2011-02-30", "13", "0", "7.5%", "0.55", "99999999999999999999999999",
        "fees", "fees.fee", "payment_group", "start_date", "employment", "binary_rate", "#", "@", "é", "×", "≤",
    ];

    [Test]
    public void Compile_RandomTokenSoup_NeverThrowsOrHangs()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 1500; i++)
        {
            var builder = new StringBuilder(i % 3 == 0 ? "pbr 1\n" : string.Empty);
            var length = random.Next(1, 120);
            for (var j = 0; j < length; j++)
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]).Append(random.Next(4) == 0 ? "\n" : " ");
            }

            AssertSurvives(builder.ToString(), i);
        }
    }

    [Test]
    public void Compile_MutatedSamples_NeverThrowOrHang()
    {
        var random = new Random(4242);
        var samples = new[] { File.ReadAllText(RepositoryPaths.WorkProgramme), File.ReadAllText(RepositoryPaths.Reoffending) };
        for (var i = 0; i < 1500; i++)
        {
            var text = new StringBuilder(samples[i % 2]);
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations && text.Length > 0; m++)
            {
                var at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text.Remove(at, Math.Min(text.Length - at, random.Next(1, 20)));
                        break;
                    case 1:
                        text.Insert(at, Pieces[random.Next(Pieces.Length)]);
                        break;
                    case 2:
                        text[at] = (char)random.Next(32, 127);
                        break;
                    default:
                        var from = random.Next(text.Length);
                        var length = Math.Min(text.Length - from, random.Next(1, 40));
                        text.Insert(at, text.ToString(from, length));
                        break;
                }
            }

            AssertSurvives(text.ToString(), i);
        }
    }

    [Test]
    public void CompileAndRunTests_MutatedExpressions_NeverThrow()
    {
        // Swaps the amounts, durations and conditions of the samples for random well-typed or
        // ill-typed expressions, then compiles, evaluates and runs the tests of whatever binds.
        var random = new Random(777);
        var operands = new[] { "fees.attachment", "fees.job_outcome_after", "fees.sustainment_max", "attachment_share", "start_date", "3 weeks", "10 days", "2", "0.5", "7.5%", "£1.50", "2011-06-01", "\"JSA 25+\"", "payment_group", "true" };
        var operators = new[] { "+", "-", "*", "/", "<", "<=", "==", "!=", "and", "or" };
        var sample = File.ReadAllText(RepositoryPaths.WorkProgramme);
        var compiled = 0;
        for (var i = 0; i < 300 && compiled < 60; i++)
        {
            string Operand() => random.Next(3) == 0 ? "-" + operands[random.Next(operands.Length)] : operands[random.Next(operands.Length)];
            var expression = Operand() + " " + operators[random.Next(operators.Length)] + " " + Operand();
            var text = random.Next(2) == 0
                ? sample.Replace("pay fees.sustainment\n", "when " + expression + "\n    pay fees.sustainment\n", StringComparison.Ordinal)
                : sample.Replace("pay fees.job_outcome\n", "pay fees.job_outcome + (" + expression + ")\n", StringComparison.Ordinal);
            var work = Task.Run(() =>
            {
                var compilation = TariffCompiler.Compile([new SourceFile($"mutated{i}.pbr", text)]);
                if (!compilation.HasErrors)
                {
                    compiled++;
                    _ = compilation.RunTests();
                }
            });
            Assert.That(work.Wait(TimeSpan.FromSeconds(10)), Is.True, text);
        }

        Assert.That(compiled, Is.GreaterThan(0));
    }

    [Test]
    public void Compile_DeeplyNestedParentheses_ReportsInsteadOfOverflowingTheStack()
    {
        var text = "pbr 1\ncontract \"C\"\n  x = " + new string('(', 100_000) + "1\nend\n";

        var diagnostics = AssertSurvives(text, 0);

        Assert.That(diagnostics.Any(d => d.IsError), Is.True);
    }

    private static List<Diagnostic> AssertSurvives(string text, int index)
    {
        List<Diagnostic>? diagnostics = null;
        var work = Task.Run(() =>
        {
            var bag = new DiagnosticBag();
            var unit = CompilationPipeline.ParseOnly(new SourceFile($"fuzz{index}.pbr", text), bag);
            ProgramBinder.Bind([unit], bag);
            diagnostics = [.. bag];
            foreach (var d in diagnostics)
            {
                _ = d.Render();
            }
        });
        Assert.That(work.Wait(PerCase), Is.True, "Case " + index + " took longer than " + PerCase + ":\n" + text);
        return diagnostics!;
    }
}
