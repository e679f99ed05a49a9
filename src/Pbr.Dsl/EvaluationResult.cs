using System.Collections.Immutable;
using Pbr.Core.Model;

namespace Pbr.Dsl;

/// <summary>The lines an evaluation produced, and the problems that stopped it pricing anything it should have.</summary>
public sealed record EvaluationResult(ImmutableArray<Entitlement> Lines, ImmutableArray<EvaluationProblem> Problems)
{
    public static EvaluationResult Empty { get; } = new([], []);
}
