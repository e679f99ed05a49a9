using System.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// Prints a syntax tree back as tariff source in the canonical layout (two-space indents, one item
/// per line). Comments are not part of the tree and are not printed. Parsing the printed text
/// gives the same tree, which the round-trip tests check.
/// </summary>
public static class SyntaxPrinter
{
    /// <summary>Prints a whole file.</summary>
    public static string Print(CompilationUnitSyntax unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var b = new StringBuilder();
        b.Append("pbr ").Append(unit.Version?.Text is { Length: > 0 } v ? v : "1").Append('\n');
        foreach (var declaration in unit.Declarations)
        {
            b.Append('\n');
            switch (declaration)
            {
                case SchemeSyntax scheme:
                    PrintScheme(b, scheme);
                    break;
                case ContractSyntax contract:
                    b.Append("contract ").Append(contract.Id.Text).Append('\n');
                    foreach (var item in contract.Items)
                    {
                        b.Append("  ").Append(item.Label.Text).Append(item.IsTerm ? " = " : " ").Append(Print(item.Value)).Append('\n');
                    }

                    b.Append("end\n");
                    break;
                case TestSyntax test:
                    PrintTest(b, test);
                    break;
            }
        }

        return b.ToString();
    }

    /// <summary>Prints an expression with the parentheses its structure needs.</summary>
    public static string Print(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax l => l.Literal.Text,
        DurationExpressionSyntax d => $"{d.Number.Text} {d.Unit.Text}",
        NameExpressionSyntax n => n.Name.Text,
        MemberExpressionSyntax m => $"{m.Target.Text}.{m.Member.Text}",
        ParenthesizedExpressionSyntax p => $"({Print(p.Inner)})",
        UnaryExpressionSyntax u => u.Operator.Text == "not" ? $"not {Print(u.Operand)}" : $"-{Print(u.Operand)}",
        BinaryExpressionSyntax b => $"{Print(b.Left)} {b.Operator.Text} {Print(b.Right)}",
        _ => string.Empty,
    };

    private static string Print(TypeSyntax type) =>
        type.Word is { } word ? word.Text : "one of " + string.Join(", ", type.Values.Select(v => v.Text));

    private static string Period(Token? from, Token? until) =>
        (from is null ? string.Empty : " from " + from.Text) + (until is null ? string.Empty : " until " + until.Text);

    private static void PrintScheme(StringBuilder b, SchemeSyntax scheme)
    {
        b.Append("scheme ").Append(scheme.Name.Text).Append('\n');
        foreach (var item in scheme.Items)
        {
            switch (item)
            {
                case RoundingSyntax r:
                    b.Append("  rounding ").Append(r.Mode.Text).Append('\n');
                    break;
                case AttributeSyntax a:
                    b.Append("  attribute ").Append(a.Name.Text).Append(": ").Append(Print(a.Type)).Append('\n');
                    break;
                case EvidenceSyntax e:
                    b.Append("  evidence ").Append(e.Name.Text).Append(": ").Append(e.Shape.Text);
                    if (e.Attributes.Length > 0)
                    {
                        b.Append(" with ").Append(string.Join(", ", e.Attributes.Select(x => $"{x.Name.Text}: {Print(x.Type)}")));
                    }

                    b.Append('\n');
                    break;
                case TermSyntax t:
                    b.Append("  term ").Append(t.Name.Text).Append(": ").Append(Print(t.Type)).Append('\n');
                    break;
                case TableSyntax t:
                    b.Append("  table ").Append(t.Name.Text).Append(" by ").Append(t.Key.Text);
                    if (t.EffectiveOn is not null)
                    {
                        b.Append(" effective on ").Append(t.EffectiveOn.Text);
                    }

                    b.Append(" hit ").Append(t.HitPolicy.Text).Append('\n');
                    b.Append("    columns ").Append(string.Join(", ", t.Columns.Select(c => $"{c.Name.Text}: {Print(c.Type)}"))).Append('\n');
                    foreach (var row in t.Rows)
                    {
                        b.Append("    ").Append(row.Key.Text).Append(Period(row.From, row.Until)).Append(": ")
                            .Append(string.Join(", ", row.Cells.Select(Print))).Append('\n');
                    }

                    b.Append("  end\n");
                    break;
                case TaperSyntax t:
                    b.Append("  taper ").Append(t.Name.Text).Append(" on ").Append(t.On.Text).Append(t.ByFinancialYear ? " by financial_year" : string.Empty).Append('\n');
                    foreach (var step in t.Steps)
                    {
                        b.Append("   ").Append(Period(step.From, step.Until)).Append(": ").Append(Print(step.Value)).Append('\n');
                    }

                    b.Append("  end\n");
                    break;
                case OutcomeSyntax o:
                    b.Append("  outcome ").Append(o.Name.Text).Append('\n');
                    b.Append("    due ").Append(Print(o.Trigger)).Append('\n');
                    PrintPayment(b, o.Guard, o.Pay, o.Rounding);
                    b.Append("  end\n");
                    break;
                case CohortSyntax c:
                    b.Append("  cohort quarterly\n");
                    b.Append("    counts ").Append(c.Evidence.Text).Append(" occurring within ").Append(Print(c.OccurringWithin)).Append(" after start\n");
                    b.Append("    recorded within ").Append(Print(c.RecordedWithin)).Append(" after start\n");
                    b.Append("    settles ").Append(Print(c.SettlesAfter)).Append(" after quarter ends\n");
                    b.Append("  end\n");
                    break;
                case CohortOutcomeSyntax o:
                    b.Append("  cohort outcome ").Append(o.Name.Text).Append('\n');
                    PrintPayment(b, o.Guard, o.Pay, o.Rounding);
                    b.Append("  end\n");
                    break;
                case CapSyntax c:
                    b.Append("  cap ").Append(Print(c.Amount)).Append(" per ").Append(c.Scope.Text).Append(c.Year is null ? string.Empty : " year").Append(" in order ")
                        .Append(string.Join(", ", c.Order.Select(n => n.Text))).Append('\n');
                    break;
            }
        }

        b.Append("end\n");
    }

    private static string Print(TriggerSyntax trigger) => trigger switch
    {
        ThresholdTriggerSyntax t => $"when {t.Mode.Text} {t.Evidence.Text} reaches {Print(t.Reaches)} within {Print(t.Within)}",
        RecurringTriggerSyntax r => $"every {Print(r.Every)} of continuous {r.Evidence.Text} after {r.After.Text} at most {Print(r.AtMost)} times",
        _ => "on start",
    };

    private static void PrintPayment(StringBuilder b, ExpressionSyntax? guard, ExpressionSyntax pay, NameSyntax? rounding)
    {
        if (guard is not null)
        {
            b.Append("    when ").Append(Print(guard)).Append('\n');
        }

        b.Append("    pay ").Append(Print(pay));
        if (rounding is not null)
        {
            b.Append(" rounded ").Append(rounding.Text);
        }

        b.Append('\n');
    }

    private static string Attributes(IEnumerable<TestAttributeSyntax> attributes)
    {
        var list = attributes.Select(a => $"{a.Name.Text} = {a.Value.Text}").ToList();
        return list.Count == 0 ? string.Empty : " with " + string.Join(", ", list);
    }

    private static void PrintTest(StringBuilder b, TestSyntax test)
    {
        b.Append("test ").Append(test.Name.Text).Append('\n');
        foreach (var item in test.Items)
        {
            b.Append("  ").Append(item switch
            {
                TestContractSyntax c => $"contract {c.Id.Text}",
                TestCohortSyntax c => $"cohort {c.Name.Text}",
                TestParticipantSyntax p => $"participant {p.Id.Text} starts {p.Starts.Text}{Attributes(p.Attributes)}",
                TestParticipantsSyntax p => $"participants {p.Prefix.Text} {p.First.Text} to {p.Last.Text} starts {p.Starts.Text}{Attributes(p.Attributes)}",
                TestEvidenceSyntax e => $"{e.Kind.Text} {e.Id.Text}{(e.For is null ? string.Empty : " for " + e.For.Text)} {e.DateKeyword.Text} {e.Start.Text}"
                    + $"{(e.End is null ? string.Empty : " to " + e.End.Text)} {e.Status.Text}{(e.Recorded is null ? string.Empty : " recorded " + e.Recorded.Text)}",
                TestAsOfSyntax a => $"as of {a.AsOf.Text}{(a.KnownAt is null ? string.Empty : " known at " + a.KnownAt.Text)}",
                TestExpectNoLinesSyntax => "expect no lines",
                TestExpectProblemSyntax p => $"expect problem {p.Kind.Text}",
                TestExpectLineSyntax l => $"expect {l.Outcome.Text}{(l.Instalment is null ? string.Empty : " " + l.Instalment.Text)}"
                    + $"{(l.LastInstalment is null ? string.Empty : " to " + l.LastInstalment.Text)} {l.Amount.Text}"
                    + (l.EveryDays is null ? $" on {l.Due.Text}" : $" every {l.EveryDays.Text} days from {l.Due.Text}"),
                _ => string.Empty,
            }).Append('\n');
        }

        b.Append("end\n");
    }
}
