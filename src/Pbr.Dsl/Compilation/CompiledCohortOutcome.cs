using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>A cohort outcome with its condition and amount compiled.</summary>
internal sealed class CompiledCohortOutcome(BoundCohortOutcome outcome, SourceFile file)
{
    public BoundCohortOutcome Bound { get; } = outcome;

    public string Location { get; } = file.Location(outcome.Span);

    public Func<object?[], decimal> Pay { get; } = ExpressionCompiler.Compile<decimal>(outcome.Pay);

    public Func<object?[], bool>? Guard { get; } = outcome.Guard is null ? null : ExpressionCompiler.Compile<bool>(outcome.Guard);
}
