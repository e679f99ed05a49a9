using System.Collections.Immutable;
using Pbr.Core.Model;

namespace Pbr.Engine.Settlement;

/// <summary>
/// What a run would post for one contract: the header and lines, and the problems that stop it from
/// being posted. The entitlement the lines came from is not kept: at a million participants it is
/// most of a run's memory (<c>Calculator.Calculate</c> gives it to whoever needs it).
/// </summary>
public sealed record SettlementPlan(RunHeader Header, ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems)
{

    /// <summary>Gets a value indicating whether there is nothing to post.</summary>
    public bool IsEmpty => Header.LineCount == 0;

    /// <summary>
    /// The plan without its lines, once they are posted and no longer wanted: the header still counts,
    /// totals and hashes them (a first run at a million participants holds millions of lines).
    /// </summary>
    public SettlementPlan WithoutLines() => this with { Lines = [] };
}
