using System.Collections.Immutable;
using NodaTime;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed partial class SchemeBinder
{
    private static string Show(LocalDate? date, string open) =>
        date is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : open;

    private BoundTable BindTable(TableInfo info)
    {
        var syntax = info.Syntax;
        var name = syntax.Name.Text;
        if (!syntax.HitPolicy.IsMissing && syntax.HitPolicy.Text != "unique")
        {
            _diagnostics.HitPolicy(Loc(syntax.HitPolicy.Span), syntax.HitPolicy.Text);
        }

        BoundAttribute key;
        if (_attributes.TryGetValue(syntax.Key.Text, out var attribute) && attribute.Type.Kind == TypeKind.Enumeration)
        {
            key = attribute;
            _used.Add("attribute:" + attribute.Name);
        }
        else
        {
            if (!syntax.Key.IsMissing)
            {
                if (attribute is null && !_declared.Contains(syntax.Key.Text))
                {
                    _diagnostics.UnknownName(Loc(syntax.Key.Span), syntax.Key.Text);
                }
                else
                {
                    _diagnostics.KeyNotEnumeration(Loc(syntax.Key.Span), name, syntax.Key.Text);
                }
            }

            key = new BoundAttribute(syntax.Key.Text, PbrType.Error, -1, syntax.Key.Span);
        }

        var (effectiveSlot, effectiveName) = BindEffectiveOn(syntax.EffectiveOn);
        var rows = ImmutableArray.CreateBuilder<BoundRow>();
        foreach (var row in syntax.Rows)
        {
            var rowKey = row.Key.Value as string ?? string.Empty;
            if (key.Type.Kind == TypeKind.Enumeration && !key.Type.Values.Contains(rowKey))
            {
                _diagnostics.ValueNotInEnumeration(Loc(row.Key.Span), rowKey, key.Name);
            }

            if (syntax.EffectiveOn is null && (row.From is not null || row.Until is not null))
            {
                _diagnostics.PeriodWithoutEffectiveOn(Loc((row.From ?? row.Until)!.Span), name);
            }

            CheckPeriod(row.From, row.Until);
            if (row.Cells.Length != info.Columns.Count)
            {
                _diagnostics.CellCount(Loc(row.Span), info.Columns.Count, row.Cells.Length);
            }

            var cells = ImmutableArray.CreateBuilder<object>();
            for (var i = 0; i < info.Columns.Count; i++)
            {
                var column = info.Columns[i];
                cells.Add(i < row.Cells.Length ? BindConstant(row.Cells[i], column.Type) : 0L);
            }

            rows.Add(new BoundRow(rowKey, DateOf(row.From), DateOf(row.Until), cells.ToImmutable(), row.Span));
        }

        var bound = rows.ToImmutable();
        AnalyseTable(syntax, key, bound);
        return new BoundTable(name, key, effectiveSlot, effectiveName, [.. info.Columns], bound, syntax.Name.Span);
    }

    private (int? Slot, string? Name) BindEffectiveOn(NameSyntax? on)
    {
        if (on is null || on.IsMissing)
        {
            return (null, null);
        }

        if (on.Text == "start_date")
        {
            return (_slots.StartDate, on.Text);
        }

        if (_attributes.TryGetValue(on.Text, out var attribute))
        {
            if (attribute.Type.Kind == TypeKind.Date)
            {
                _used.Add("attribute:" + on.Text);
                return (attribute.Slot, on.Text);
            }

            _diagnostics.EffectiveOnNotDate(Loc(on.Span), on.Text);
            return (null, null);
        }

        _diagnostics.UnknownName(Loc(on.Span), on.Text);
        return (null, null);
    }

    private void CheckPeriod(Token? from, Token? until)
    {
        if (DateOf(from) is { } f && DateOf(until) is { } u && u < f)
        {
            _diagnostics.PeriodReversed(Loc(until!.Span), Show(f, string.Empty), Show(u, string.Empty));
        }
    }

    // Unique hit policy: per key value, periods sorted by start must neither overlap nor leave a gap,
    // and every value of the enumeration needs at least one row.
    private void AnalyseTable(TableSyntax syntax, BoundAttribute key, ImmutableArray<BoundRow> rows)
    {
        if (key.Type.Kind != TypeKind.Enumeration)
        {
            return;
        }

        foreach (var value in key.Type.Values)
        {
            var forKey = rows.Where(r => r.Key == value).OrderBy(r => r.From ?? LocalDate.MinIsoValue).ToList();
            if (forKey.Count == 0)
            {
                _diagnostics.TableMissingKey(Loc(syntax.Name.Span), syntax.Name.Text, value);
                continue;
            }

            AnalysePeriods(
                forKey.Select(r => (r.From, r.Until, r.Span)).ToList(),
                (span, from, to) => _diagnostics.TableGap(Loc(span), syntax.Name.Text, value, from, to),
                (span, from, to) => _diagnostics.TableOverlap(Loc(span), syntax.Name.Text, value, from, to));
        }
    }

    private static void AnalysePeriods(
        List<(LocalDate? From, LocalDate? Until, TextSpan Span)> periods,
        Action<TextSpan, string, string> gap,
        Action<TextSpan, string, string> overlap)
    {
        for (var i = 1; i < periods.Count; i++)
        {
            var previous = periods[i - 1];
            var current = periods[i];
            var previousEnd = previous.Until ?? LocalDate.MaxIsoValue;
            var currentStart = current.From ?? LocalDate.MinIsoValue;
            if (currentStart <= previousEnd)
            {
                var overlapEnd = current.Until is { } cu && cu < previousEnd ? cu : previousEnd;
                overlap(current.Span, Show(current.From, "the beginning"), Show(overlapEnd == LocalDate.MaxIsoValue ? null : overlapEnd, "the end"));
            }
            else if (previousEnd.PlusDays(1) < currentStart)
            {
                gap(current.Span, Show(previousEnd.PlusDays(1), string.Empty), Show(currentStart.PlusDays(-1), string.Empty));
            }
        }
    }

    private BoundTaper BindTaper(TaperInfo info)
    {
        var syntax = info.Syntax;
        var (onSlot, onName) = BindEffectiveOn(syntax.On);
        var steps = ImmutableArray.CreateBuilder<BoundTaperStep>();
        foreach (var step in syntax.Steps)
        {
            CheckPeriod(step.From, step.Until);
            if (syntax.ByFinancialYear)
            {
                if (DateOf(step.From) is { } f && (f.Month != 4 || f.Day != 1))
                {
                    _diagnostics.FinancialYearBoundary(Loc(step.From!.Span), Show(f, string.Empty), "start on 1 April");
                }

                if (DateOf(step.Until) is { } u && (u.Month != 3 || u.Day != 31))
                {
                    _diagnostics.FinancialYearBoundary(Loc(step.Until!.Span), Show(u, string.Empty), "end on 31 March");
                }
            }

            var value = BindConstant(step.Value, PbrType.Rate);
            steps.Add(new BoundTaperStep(DateOf(step.From), DateOf(step.Until), value as decimal? ?? 0m, step.Span));
        }

        var ordered = steps.OrderBy(s => s.From ?? LocalDate.MinIsoValue).ToList();
        AnalysePeriods(
            ordered.Select(s => (s.From, s.Until, s.Span)).ToList(),
            (span, from, to) => _diagnostics.TaperGap(Loc(span), syntax.Name.Text, from, to),
            (span, from, to) => _diagnostics.TaperOverlap(Loc(span), syntax.Name.Text, from, to));
        return new BoundTaper(syntax.Name.Text, info.Slot, onSlot ?? _slots.StartDate, onName ?? "start_date", [.. ordered], syntax.Name.Span);
    }

    /// <summary>Binds a constant and evaluates it now; a type mismatch is reported and gives a zero.</summary>
    private object BindConstant(ExpressionSyntax syntax, PbrType expected)
    {
        var kinds = expected.Kind switch
        {
            TypeKind.Rate => new[] { TypeKind.Rate },
            TypeKind.Days => [TypeKind.Days, TypeKind.Weeks],
            TypeKind.Enumeration => [TypeKind.Text],
            _ => [expected.Kind],
        };
        var bound = BindExpected(syntax, NameContext.Constant, expected.ToString(), kinds);
        if (bound.Type.IsError || expected.IsError)
        {
            return Compilation.ConstantEvaluator.Zero(expected);
        }

        if (expected.Kind == TypeKind.Enumeration && bound is BoundLiteral { Value: string s } && !expected.Values.Contains(s))
        {
            _diagnostics.ValueNotInEnumeration(Loc(syntax.Span), s, expected.EnumerationName!);
        }

        return Compilation.ConstantEvaluator.Evaluate(bound, _diagnostics, new SourceLocation(_file, syntax.Span));
    }
}
