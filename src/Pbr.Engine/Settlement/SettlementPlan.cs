using System.Collections.Immutable;
using Pbr.Core.Model;
using Pbr.Engine.Calculation;

namespace Pbr.Engine.Settlement;

/// <summary>
/// What a run would post for one contract: the header and lines, with the entitlement they were
/// computed from. A plan with problems must not be posted.
/// </summary>
public sealed record SettlementPlan(RunHeader Header, ImmutableArray<PostingLine> Lines, CalculationResult Entitlement)
{
    /// <summary>Gets the problems that stop the plan from being posted.</summary>
    public ImmutableArray<EvaluationProblem> Problems => Entitlement.Problems;

    /// <summary>Gets a value indicating whether there is nothing to post.</summary>
    public bool IsEmpty => Lines.IsEmpty;
}
