using System.Globalization;
using Pbr.Core;
using Pbr.Dsl;
using NodaTime.Text;

namespace Pbr.Engine.Import;

/// <summary>Checks an attribute's text against its declared type.</summary>
internal static class AttributeValue
{
    /// <summary>Returns what was expected when the text does not fit the declaration, or null when it does.</summary>
    public static string? Check(AttributeDeclaration declaration, string text) => declaration.Type switch
    {
        AttributeType.Text => null,
        AttributeType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "a whole number",
        AttributeType.Money => Money.Parse(text).Success && !text.Contains('£', StringComparison.Ordinal) ? null : "an amount in pounds with two decimals, such as 1200.00",
        AttributeType.Rate => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) ? null : "a decimal number, such as 0.55",
        AttributeType.Boolean => text is "true" or "false" ? null : "true or false",
        AttributeType.Date => text.Length == 10 && char.IsAsciiDigit(text[0]) && LocalDatePattern.Iso.Parse(text).Success ? null : "a date of the form yyyy-MM-dd",
        AttributeType.Enumeration => declaration.AllowedValues.Contains(text, StringComparer.Ordinal)
            ? null
            : $"one of {string.Join(", ", declaration.AllowedValues.Select(v => $"'{v}'"))}",
        _ => "a value of a known type",
    };
}
