using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed partial class SchemeBinder
{
    private ImmutableArray<BoundOutcome> BindOutcomes(Rounding rounding)
    {
        var syntaxes = _syntax.Items.OfType<OutcomeSyntax>().ToList();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var outcome in syntaxes)
        {
            if (Declare(outcome.Name))
            {
                names[outcome.Name.Text] = names.Count;
            }
        }

        var outcomes = ImmutableArray.CreateBuilder<BoundOutcome>();
        var afters = new Dictionary<int, int>();
        foreach (var syntax in syntaxes)
        {
            if (!names.TryGetValue(syntax.Name.Text, out var index) || outcomes.Any(o => o.Index == index))
            {
                continue;
            }

            _currentCells = [];
            _currentTapers = [];
            var trigger = BindTrigger(syntax.Trigger, syntax.Name.Text, names, index, afters);
            var guard = syntax.Guard is null ? null : BindExpected(syntax.Guard, NameContext.Participant, "bool", TypeKind.Bool);
            var pay = BindPay(syntax.Pay, NameContext.Participant);
            var ownRounding = syntax.Rounding is null ? null : ParseRounding(syntax.Rounding);
            var uses = new BoundUses([.. _currentCells.Distinct()], [.. _currentTapers.Distinct()]);
            _currentCells = null;
            _currentTapers = null;
            outcomes.Add(new BoundOutcome(
                syntax.Name.Text, index, syntax.Name.Span, trigger, guard, pay, ownRounding ?? rounding, uses, TextOf(syntax.Pay.Span)));
        }

        // A recurring outcome follows another; a chain that comes back to itself can never fall due.
        foreach (var (start, _) in afters)
        {
            var seen = new HashSet<int> { start };
            var current = start;
            while (afters.TryGetValue(current, out var next))
            {
                if (!seen.Add(next))
                {
                    var outcome = outcomes.First(o => o.Index == start);
                    _diagnostics.OutcomeAfterItself(Loc(((BoundRecurring)outcome.Trigger).Span), outcome.Name);
                    break;
                }

                current = next;
            }
        }

        return outcomes.ToImmutable();
    }

    private BoundTrigger BindTrigger(TriggerSyntax syntax, string outcome, Dictionary<string, int> names, int index, Dictionary<int, int> afters)
    {
        switch (syntax)
        {
            case ThresholdTriggerSyntax threshold:
            {
                var evidence = BindEvidenceUse(threshold.Evidence, EvidenceShape.Spell);
                var reaches = BindExpected(threshold.Reaches, NameContext.Participant, "days or weeks", TypeKind.Days, TypeKind.Weeks);
                var within = BindExpected(threshold.Within, NameContext.Participant, "days or weeks", TypeKind.Days, TypeKind.Weeks);
                return new BoundThreshold(syntax.Span, threshold.Mode.Text == "continuous", evidence, reaches, within);
            }

            case RecurringTriggerSyntax recurring:
            {
                var every = BindExpected(recurring.Every, NameContext.Participant, "days or weeks", TypeKind.Days, TypeKind.Weeks);
                var evidence = BindEvidenceUse(recurring.Evidence, EvidenceShape.Spell);
                var atMost = BindExpected(recurring.AtMost, NameContext.Participant, "int", TypeKind.Int);
                var after = -1;
                if (!recurring.After.IsMissing)
                {
                    if (!names.TryGetValue(recurring.After.Text, out after))
                    {
                        _diagnostics.UnknownOutcome(Loc(recurring.After.Span), recurring.After.Text);
                        after = -1;
                    }
                    else if (after == index)
                    {
                        _diagnostics.OutcomeAfterItself(Loc(recurring.After.Span), outcome);
                        after = -1;
                    }
                    else
                    {
                        afters[index] = after;
                    }
                }

                return new BoundRecurring(syntax.Span, every, evidence, after, atMost);
            }

            default:
                return new BoundOnStart(syntax.Span);
        }
    }

    private string BindEvidenceUse(NameSyntax name, EvidenceShape shape)
    {
        if (name.IsMissing)
        {
            return string.Empty;
        }

        if (!_evidence.TryGetValue(name.Text, out var kind))
        {
            _diagnostics.UnknownEvidenceKind(Loc(name.Span), name.Text);
            return name.Text;
        }

        _used.Add("evidence:" + name.Text);
        if (kind.Shape != shape)
        {
            _diagnostics.EvidenceShape(Loc(name.Span), name.Text, shape == EvidenceShape.Spell ? "a spell" : "an event");
        }

        return name.Text;
    }

    private BoundExpression BindPay(ExpressionSyntax syntax, NameContext context)
    {
        var pay = BindExpression(syntax, context);
        if (!pay.Type.IsError && !pay.Type.IsMoneyLike)
        {
            _diagnostics.AmountNotMoney(Loc(syntax.Span), pay.Type.ToString());
            return new BoundLiteral(PbrType.Error, pay.Span, 0L);
        }

        return pay;
    }

    private BoundCohort? BindCohort()
    {
        BoundCohort? cohort = null;
        foreach (var syntax in _syntax.Items.OfType<CohortSyntax>())
        {
            if (cohort is not null)
            {
                _diagnostics.DuplicateCohort(Loc(syntax.Span));
                continue;
            }

            var evidence = BindEvidenceUse(syntax.Evidence, EvidenceShape.Event);
            cohort = new BoundCohort(
                evidence,
                BindExpected(syntax.OccurringWithin, NameContext.Terms, "days or weeks", TypeKind.Days, TypeKind.Weeks),
                BindExpected(syntax.RecordedWithin, NameContext.Terms, "days or weeks", TypeKind.Days, TypeKind.Weeks),
                BindExpected(syntax.SettlesAfter, NameContext.Terms, "days or weeks", TypeKind.Days, TypeKind.Weeks),
                syntax.Span);
        }

        return cohort;
    }

    private ImmutableArray<BoundCohortOutcome> BindCohortOutcomes(Rounding rounding, BoundCohort? cohort)
    {
        var outcomes = ImmutableArray.CreateBuilder<BoundCohortOutcome>();
        foreach (var syntax in _syntax.Items.OfType<CohortOutcomeSyntax>())
        {
            if (!Declare(syntax.Name))
            {
                continue;
            }

            if (cohort is null)
            {
                _diagnostics.CohortOutcomeWithoutCohort(Loc(syntax.Name.Span), syntax.Name.Text);
            }

            var guard = syntax.Guard is null ? null : BindExpected(syntax.Guard, NameContext.Cohort, "bool", TypeKind.Bool);
            var pay = BindPay(syntax.Pay, NameContext.Cohort);
            var ownRounding = syntax.Rounding is null ? null : ParseRounding(syntax.Rounding);
            outcomes.Add(new BoundCohortOutcome(
                syntax.Name.Text,
                outcomes.Count,
                syntax.Name.Span,
                guard,
                pay,
                ownRounding ?? rounding,
                TextOf(syntax.Pay.Span),
                syntax.Guard is null ? string.Empty : TextOf(syntax.Guard.Span)));
        }

        return outcomes.ToImmutable();
    }

    private ImmutableArray<BoundCap> BindCaps(ImmutableArray<BoundOutcome> outcomes, ImmutableArray<BoundCohortOutcome> cohortOutcomes)
    {
        var caps = ImmutableArray.CreateBuilder<BoundCap>();
        foreach (var syntax in _syntax.Items.OfType<CapSyntax>())
        {
            var scope = syntax.Scope.Text switch
            {
                "cohort" => CapScope.Cohort,
                "contract" => syntax.Year is null ? CapScope.Contract : CapScope.ContractYear,
                _ => CapScope.Participant,
            };
            var perCohort = scope == CapScope.Cohort;
            var amount = BindExpected(syntax.Amount, NameContext.Terms, "money", TypeKind.Money);
            var order = ImmutableArray.CreateBuilder<int>();
            foreach (var name in syntax.Order.Where(n => !n.IsMissing))
            {
                var index = perCohort
                    ? cohortOutcomes.FirstOrDefault(o => o.Name == name.Text)?.Index
                    : outcomes.FirstOrDefault(o => o.Name == name.Text)?.Index;
                if (index is null || order.Contains(index.Value))
                {
                    _diagnostics.CapOrder(Loc(name.Span), name.Text);
                    continue;
                }

                order.Add(index.Value);
            }

            caps.Add(new BoundCap(amount, scope, order.ToImmutable(), syntax.Span, TextOf(syntax.Amount.Span)));
        }

        return caps.ToImmutable();
    }

    private string TextOf(TextSpan span) =>
        span.End <= _file.Text.Length ? _file.Text.Substring(span.Start, span.Length) : string.Empty;
}
