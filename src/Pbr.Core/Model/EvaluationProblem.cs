namespace Pbr.Core.Model;

/// <summary>
/// Why an evaluation could not price something. These are reported outcomes, never silent zeros:
/// "no rule applies", "two rules conflict" and "bad data" are told apart.
/// </summary>
public enum ProblemKind
{
    NoRuleApplies,
    RulesConflict,
    BadData,
}

/// <summary>A problem found while evaluating one participant or cohort.</summary>
public sealed record EvaluationProblem(ProblemKind Kind, ContractId Contract, string Subject, string Message);
