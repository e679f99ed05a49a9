using NodaTime;

namespace Pbr.Cli.Scheduling;

/// <summary>How a schedule derives the as-of date of a settlement from the local date of its fire.</summary>
internal enum AsOfRule
{
    /// <summary>The last day of the month before the fire's month (<c>end-of-previous-month</c>).</summary>
    EndOfPreviousMonth,

    /// <summary>The last day of the calendar quarter before the fire's quarter (<c>end-of-previous-quarter</c>).</summary>
    EndOfPreviousQuarter,

    /// <summary>The day before the fire (<c>previous-day</c>).</summary>
    PreviousDay,

    /// <summary>The fire's own date (<c>fire-date</c>).</summary>
    FireDate,
}

/// <summary>Parses and applies <see cref="AsOfRule"/>.</summary>
internal static class AsOfRules
{
    /// <summary>Gets the configuration names of the rules, for messages.</summary>
    public static IReadOnlyList<string> Names { get; } = ["end-of-previous-month", "end-of-previous-quarter", "previous-day", "fire-date"];

    /// <summary>Parses a rule's configuration name; null when unknown.</summary>
    public static AsOfRule? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "end-of-previous-month" => AsOfRule.EndOfPreviousMonth,
        "end-of-previous-quarter" => AsOfRule.EndOfPreviousQuarter,
        "previous-day" => AsOfRule.PreviousDay,
        "fire-date" => AsOfRule.FireDate,
        _ => null,
    };

    /// <summary>Gets the configuration name of <paramref name="rule"/>.</summary>
    public static string Name(AsOfRule rule) => Names[(int)rule];

    /// <summary>Applies <paramref name="rule"/> to the local date of a fire.</summary>
    public static LocalDate Apply(AsOfRule rule, LocalDate fireDate) => rule switch
    {
        AsOfRule.EndOfPreviousMonth => new LocalDate(fireDate.Year, fireDate.Month, 1).PlusDays(-1),
        AsOfRule.EndOfPreviousQuarter => new LocalDate(fireDate.Year, ((fireDate.Month - 1) / 3 * 3) + 1, 1).PlusDays(-1),
        AsOfRule.PreviousDay => fireDate.PlusDays(-1),
        AsOfRule.FireDate => fireDate,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "not an as-of rule"),
    };
}
