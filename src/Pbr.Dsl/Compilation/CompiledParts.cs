using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

// The compiled pieces of a scheme. They are small and only make sense together, so they share a file.

/// <summary>A table ready for lookup by key value and effective date, with the explanation text of every cell.</summary>
internal sealed class CompiledTable
{
    public CompiledTable(BoundTable table, SourceFile file)
    {
        Name = table.Name;
        KeySlot = table.Key.Slot;
        EffectiveSlot = table.EffectiveOnSlot;
        ColumnSlots = [.. table.Columns.Select(c => c.Slot)];
        Rows = table.Rows
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.From ?? LocalDate.MinIsoValue).Select(r => new Row(
                    r.From,
                    r.Until,
                    [.. r.Cells],
                    [.. table.Columns.Select((c, i) =>
                        $"table {table.Name}, row \"{r.Key}\" ({Text.Period(r.From, r.Until)}) at {file.Location(r.Span)}: {c.Name} = {Text.Value(c.Type, r.Cells[i])}")])).ToArray(),
                StringComparer.Ordinal);
    }

    public string Name { get; }

    public int KeySlot { get; }

    public int? EffectiveSlot { get; }

    public int[] ColumnSlots { get; }

    public FrozenDictionary<string, Row[]> Rows { get; }

    /// <summary>Finds the row for the frame's key value and date and copies its cells into the frame; null when none.</summary>
    public Row? Resolve(object?[] frame)
    {
        if (KeySlot < 0 || frame[KeySlot] is not string key || !Rows.TryGetValue(key, out var rows))
        {
            return null;
        }

        var date = EffectiveSlot is int slot && frame[slot] is LocalDate d ? d : (LocalDate?)null;
        foreach (var row in rows)
        {
            if (date is null || ((row.From is null || row.From <= date) && (row.Until is null || date <= row.Until)))
            {
                for (var i = 0; i < ColumnSlots.Length; i++)
                {
                    frame[ColumnSlots[i]] = row.Cells[i];
                }

                return row;
            }
        }

        return null;
    }

    internal sealed record Row(LocalDate? From, LocalDate? Until, object[] Cells, string[] CellText);
}

/// <summary>A taper ready for lookup by date.</summary>
internal sealed class CompiledTaper
{
    public CompiledTaper(BoundTaper taper, SourceFile file)
    {
        Name = taper.Name;
        Slot = taper.Slot;
        OnSlot = taper.OnSlot;
        Steps = [.. taper.Steps.Select(s => new Step(
            s.From, s.Until, s.Rate, $"taper {taper.Name} on {taper.OnName} ({Text.Period(s.From, s.Until)}) at {file.Location(s.Span)}: {Text.Percent(s.Rate)}"))];
    }

    public string Name { get; }

    public int Slot { get; }

    public int OnSlot { get; }

    public Step[] Steps { get; }

    public Step? Resolve(object?[] frame)
    {
        if (frame[OnSlot] is not LocalDate date)
        {
            return null;
        }

        foreach (var step in Steps)
        {
            if ((step.From is null || step.From <= date) && (step.Until is null || date <= step.Until))
            {
                frame[Slot] = step.Boxed;
                return step;
            }
        }

        return null;
    }

    internal sealed record Step(LocalDate? From, LocalDate? Until, decimal Rate, string Text)
    {
        public object Boxed { get; } = Rate;
    }
}

/// <summary>A participant outcome with its trigger and amount compiled.</summary>
internal sealed class CompiledOutcome
{
    public CompiledOutcome(BoundOutcome outcome, SourceFile file)
    {
        Bound = outcome;
        Location = file.Location(outcome.Span);
        Pay = ExpressionCompiler.Compile<decimal>(outcome.Pay);
        Guard = outcome.Guard is null ? null : ExpressionCompiler.Compile<bool>(outcome.Guard);
        switch (outcome.Trigger)
        {
            case BoundThreshold threshold:
                Reaches = ExpressionCompiler.Compile<long>(threshold.Reaches);
                Within = ExpressionCompiler.Compile<long>(threshold.Within);
                break;
            case BoundRecurring recurring:
                Every = ExpressionCompiler.Compile<long>(recurring.Every);
                AtMost = ExpressionCompiler.Compile<long>(recurring.AtMost);
                break;
        }
    }

    public BoundOutcome Bound { get; }

    public string Name => Bound.Name;

    public string Location { get; }

    public Func<object?[], decimal> Pay { get; }

    public Func<object?[], bool>? Guard { get; }

    public Func<object?[], long>? Reaches { get; }

    public Func<object?[], long>? Within { get; }

    public Func<object?[], long>? Every { get; }

    public Func<object?[], long>? AtMost { get; }
}

/// <summary>A cohort outcome with its condition and amount compiled.</summary>
internal sealed class CompiledCohortOutcome(BoundCohortOutcome outcome, SourceFile file)
{
    public BoundCohortOutcome Bound { get; } = outcome;

    public string Location { get; } = file.Location(outcome.Span);

    public Func<object?[], decimal> Pay { get; } = ExpressionCompiler.Compile<decimal>(outcome.Pay);

    public Func<object?[], bool>? Guard { get; } = outcome.Guard is null ? null : ExpressionCompiler.Compile<bool>(outcome.Guard);
}

/// <summary>A cap with its amount compiled.</summary>
internal sealed record CompiledCap(BoundCap Bound, Func<object?[], long> Amount);

/// <summary>How values, periods and dates are written in explanations.</summary>
internal static class Text
{
    public static string Date(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(LocalDate? from, LocalDate? until) => (from, until) switch
    {
        (null, null) => "all dates",
        ({ } f, null) => $"effective from {Date(f)}",
        (null, { } u) => $"effective until {Date(u)}",
        ({ } f, { } u) => $"effective from {Date(f)} until {Date(u)}",
    };

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    public static string Pounds(long pence) => Money.FromPence(pence).ToDisplayString();

    public static string UnroundedPounds(decimal pence) =>
        (pence / 100m).ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Value(PbrType type, object value) => (type.Kind, value) switch
    {
        (TypeKind.Money, long pence) => Pounds(pence),
        (TypeKind.Weeks, long days) => $"{days / 7} weeks",
        (TypeKind.Days, long days) => $"{days} days",
        (TypeKind.Rate, decimal rate) => rate.ToString(CultureInfo.InvariantCulture),
        (TypeKind.Date, LocalDate date) => Date(date),
        (_, string s) => $"\"{s}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string Rounding(Pbr.Core.Rounding rounding) => rounding switch
    {
        Pbr.Core.Rounding.HalfAwayFromZero => "half away from zero",
        Pbr.Core.Rounding.HalfEven => "half to even",
        Pbr.Core.Rounding.TowardZero => "toward zero",
        Pbr.Core.Rounding.Down => "down",
        _ => "up",
    };
}
