using System.Collections.Immutable;

namespace Pbr.Core.Model;

/// <summary>
/// Why a line is what it is: the rule and where it is written, each fact read (table cells with
/// their effective periods, evidence with dates), the unrounded amount and the rounding applied.
/// </summary>
/// <param name="RuleLocation">Where the rule is written, e.g. <c>work-programme.pbr(42,3)</c>.</param>
/// <param name="Steps">Plain-English steps in the order they were taken.</param>
/// <param name="UnroundedPounds">The amount before rounding, in pounds, as exact text; null when no rounding was needed.</param>
/// <param name="Rounding">The rounding applied; null when none was needed.</param>
public sealed record Explanation(
    string RuleLocation,
    ImmutableArray<ExplanationStep> Steps,
    string? UnroundedPounds,
    Rounding? Rounding)
{
    public static Explanation None { get; } = new(string.Empty, [], null, null);
}

/// <summary>One step of an explanation: what kind of fact it is, and the words for it.</summary>
/// <param name="Kind">One of <c>rule</c>, <c>table</c>, <c>evidence</c>, <c>arithmetic</c>, <c>cap</c>, <c>rounding</c>.</param>
public sealed record ExplanationStep(string Kind, string Text);
