using Pbr.Dsl.Compilation;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Tests;

public sealed class ParserTests
{
    [Test]
    public void Parse_Arithmetic_MultiplicationBindsTighterThanAddition()
    {
        var value = ContractValue("£1.00 + £2.00 * 3");

        var binary = (BinaryExpressionSyntax)value;
        Assert.That(binary.Operator.Kind, Is.EqualTo(TokenKind.Plus));
        Assert.That(((BinaryExpressionSyntax)binary.Right).Operator.Kind, Is.EqualTo(TokenKind.Star));
    }

    [Test]
    public void Parse_NotAndOr_NotBindsTighterThanAndThanOr()
    {
        var value = ContractValue("not true and false or true");

        var or = (BinaryExpressionSyntax)value;
        Assert.That(or.Operator.Text, Is.EqualTo("or"));
        var and = (BinaryExpressionSyntax)or.Left;
        Assert.That(and.Operator.Text, Is.EqualTo("and"));
        Assert.That(and.Left, Is.TypeOf<UnaryExpressionSyntax>());
    }

    [Test]
    public void Parse_SeveralBrokenItems_ReportsEachAndKeepsTheRest()
    {
        var bag = new DiagnosticBag();
        var unit = CompilationPipeline.ParseOnly(new SourceFile("t.pbr", """
            pbr 1
            scheme s
              rounding half_away_from_zero
              attribute a: 42
              evidence work: spell
              outcome o
                due on start
                pay
              end
              term t: money
            end
            """), bag);

        var scheme = (SchemeSyntax)unit.Declarations.Single();
        Assert.That(bag.Select(d => d.Id), Is.EqualTo(new[] { "PBR1103", "PBR1103" }));
        Assert.That(scheme.Items.Select(i => i.GetType().Name), Is.EqualTo(new[]
        {
            nameof(RoundingSyntax), nameof(AttributeSyntax), nameof(EvidenceSyntax), nameof(OutcomeSyntax), nameof(TermSyntax),
        }));
    }

    private static ExpressionSyntax ContractValue(string expression)
    {
        var bag = new DiagnosticBag();
        var unit = CompilationPipeline.ParseOnly(new SourceFile("t.pbr", $"pbr 1\ncontract \"C\"\n  x = {expression}\nend\n"), bag);
        Assert.That(bag, Is.Empty);
        return ((ContractSyntax)unit.Declarations.Single()).Items.Single().Value;
    }
}
