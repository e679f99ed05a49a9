namespace Pbr.Engine.Settlement;

/// <summary>The database and file spelling of <see cref="LineKind"/>.</summary>
public static class LineKindText
{
    /// <summary>Formats a kind as <c>payment</c>, <c>clawback</c> or <c>adjustment</c>.</summary>
    public static string Format(LineKind kind) => kind switch
    {
        LineKind.Payment => "payment",
        LineKind.Clawback => "clawback",
        LineKind.Adjustment => "adjustment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a line kind"),
    };

    /// <summary>Parses the lowercase spelling.</summary>
    /// <exception cref="FormatException">The text is not a kind.</exception>
    public static LineKind Parse(string text) => text switch
    {
        "payment" => LineKind.Payment,
        "clawback" => LineKind.Clawback,
        "adjustment" => LineKind.Adjustment,
        _ => throw new FormatException($"'{text}' is not a line kind"),
    };
}
