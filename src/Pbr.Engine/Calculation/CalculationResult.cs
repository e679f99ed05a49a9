using System.Collections.Immutable;
using Pbr.Core.Model;

namespace Pbr.Engine.Calculation;

/// <summary>
/// The full entitlement of one contract as of a date: every line in key order, and every problem
/// that stopped the scheme pricing something it should have.
/// </summary>
public sealed record CalculationResult(ImmutableArray<Entitlement> Lines, ImmutableArray<EvaluationProblem> Problems)
{
    /// <summary>Gets a value indicating whether any problem was reported.</summary>
    public bool HasProblems => !Problems.IsDefaultOrEmpty;
}
