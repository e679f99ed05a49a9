using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

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
