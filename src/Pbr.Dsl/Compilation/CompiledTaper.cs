using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>A taper ready for lookup by date.</summary>
internal sealed class CompiledTaper
{
    public CompiledTaper(BoundTaper taper, SourceFile file)
    {
        Name = taper.Name;
        Slot = taper.Slot;
        OnSlot = taper.OnSlot;
        Steps = [.. taper.Steps.Select(s => new Step(
            s.From, s.Until, s.Rate, $"taper {taper.Name} on {taper.OnName} ({ExplanationText.Period(s.From, s.Until)}) at {file.Location(s.Span)}: {ExplanationText.Percent(s.Rate)}"))];
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
