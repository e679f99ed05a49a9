using System.Diagnostics.CodeAnalysis;

namespace Pbr.Core;

public readonly partial struct Money
{
    /// <summary>
    /// Parses pounds with at most two decimals: <c>1234.56</c>, <c>-12</c>, <c>£1,234.56</c>, <c>-£5.00</c>.
    /// Thousands separators must be in the right places; anything else is rejected with a reason.
    /// </summary>
    public static ParseResult<Money> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<Money>.Fail("an amount is required");
        }

        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.Length > 0 && s[0] == '-')
        {
            negative = true;
            s = s[1..];
        }

        if (s.Length > 0 && s[0] == '£')
        {
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return ParseResult<Money>.Fail($"'{text}' is not an amount in pounds");
        }

        var point = s.IndexOf('.');
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : s[(point + 1)..];
        if (point >= 0 && (fraction.Length is 0 or > 2))
        {
            return ParseResult<Money>.Fail($"'{text}' must have one or two digits after the decimal point");
        }

        if (!TryParseWhole(whole, out var pounds))
        {
            return ParseResult<Money>.Fail($"'{text}' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)");
        }

        long pence = 0;
        foreach (var c in fraction)
        {
            if (c is < '0' or > '9')
            {
                return ParseResult<Money>.Fail($"'{text}' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)");
            }

            pence = (pence * 10) + (c - '0');
        }

        if (fraction.Length == 1)
        {
            pence *= 10;
        }

        try
        {
            // Built with its sign so that the most negative amount (whose magnitude is one more
            // than the most positive) still parses back from its own text.
            var total = negative ? checked((-pounds * 100) - pence) : checked((pounds * 100) + pence);
            return ParseResult<Money>.Ok(new Money(total));
        }
        catch (OverflowException)
        {
            return ParseResult<Money>.Fail($"'{text}' is too large an amount");
        }
    }

    /// <summary>Parses like <see cref="Parse(string?)"/>, returning false on failure.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Money value)
    {
        var result = Parse(text);
        value = result.Success ? result.Value : default;
        return result.Success;
    }

    private static bool TryParseWhole(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        var groupIndex = 0;
        var groupLength = 0;
        var grouped = digits.Contains(',');
        if (grouped && digits[0] == '0')
        {
            // "0,123" is a decimal comma to half of Europe; read as £123 it would be a thousandfold error.
            return false;
        }

        foreach (var c in digits)
        {
            if (c == ',')
            {
                // "1,234,567": the first group has one to three digits, every later group exactly three.
                if (groupLength == 0 || groupLength > 3 || (groupIndex > 0 && groupLength != 3))
                {
                    return false;
                }

                groupIndex++;
                groupLength = 0;
                continue;
            }

            if (c is < '0' or > '9')
            {
                return false;
            }

            groupLength++;
            if (value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return groupLength > 0 && (!grouped || groupLength == 3);
    }
}
