namespace Pbr.TestKit.Fuzzing;

/// <summary>What a check made of one case: the kind of outcome (for the report), and the rule broken, if any.</summary>
public sealed record FuzzVerdict(string Outcome, string? Violation)
{
    /// <summary>The case held every rule.</summary>
    public static FuzzVerdict Ok(string outcome) => new(outcome, null);

    /// <summary>The case broke a rule.</summary>
    public static FuzzVerdict Broken(string outcome, string violation) => new(outcome, violation);
}
