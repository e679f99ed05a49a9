using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

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
                        $"table {table.Name}, row \"{r.Key}\" ({ExplanationText.Period(r.From, r.Until)}) at {file.Location(r.Span)}: {c.Name} = {ExplanationText.Value(c.Type, r.Cells[i])}")])).ToArray(),
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
