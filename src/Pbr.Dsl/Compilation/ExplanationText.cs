using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>How values, periods and dates are written in explanations.</summary>
internal static class ExplanationText
{
    // Explanations are written for every line of a run, so the common formats avoid the general
    // formatting machinery; the results are the same as ToString("yyyy-MM-dd") and "#,##0.00".
    public static string Date(LocalDate date)
    {
        if (date.Year is < 1 or > 9999)
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return string.Create(10, (date.Year, date.Month, date.Day), static (span, d) =>
        {
            span[0] = (char)('0' + (d.Year / 1000));
            span[1] = (char)('0' + (d.Year / 100 % 10));
            span[2] = (char)('0' + (d.Year / 10 % 10));
            span[3] = (char)('0' + (d.Year % 10));
            span[4] = '-';
            span[5] = (char)('0' + (d.Month / 10));
            span[6] = (char)('0' + (d.Month % 10));
            span[7] = '-';
            span[8] = (char)('0' + (d.Day / 10));
            span[9] = (char)('0' + (d.Day % 10));
        });
    }

    public static string Period(LocalDate? from, LocalDate? until) => (from, until) switch
    {
        (null, null) => "all dates",
        ({ } f, null) => $"effective from {Date(f)}",
        (null, { } u) => $"effective until {Date(u)}",
        ({ } f, { } u) => $"effective from {Date(f)} until {Date(u)}",
    };

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    public static string Pounds(long pence)
    {
        if (pence is < -999_999_999_999 or > 999_999_999_999)
        {
            return Money.FromPence(pence).ToDisplayString();
        }

        Span<char> buffer = stackalloc char[24];
        var i = buffer.Length;
        var magnitude = Math.Abs(pence);
        buffer[--i] = (char)('0' + (magnitude % 10));
        buffer[--i] = (char)('0' + (magnitude / 10 % 10));
        buffer[--i] = '.';
        var pounds = magnitude / 100;
        var digits = 0;
        do
        {
            if (digits > 0 && digits % 3 == 0)
            {
                buffer[--i] = ',';
            }

            buffer[--i] = (char)('0' + (pounds % 10));
            pounds /= 10;
            digits++;
        }
        while (pounds > 0);
        buffer[--i] = '£';
        if (pence < 0)
        {
            buffer[--i] = '-';
        }

        return new string(buffer[i..]);
    }

    public static string UnroundedPounds(decimal pence) =>
        pence == decimal.Truncate(pence) && pence is > -999_999_999_999m and < 999_999_999_999m
            ? WholePence((long)pence)
            : FractionalPounds(pence);

    private static string WholePence(long pence)
    {
        var text = Pounds(pence);
        return pence < 0 ? "-" + text[2..].Replace(",", string.Empty, StringComparison.Ordinal) : text[1..].Replace(",", string.Empty, StringComparison.Ordinal);
    }

    private static string FractionalPounds(decimal pence) =>
        (pence / 100m).ToString("0.00##########", CultureInfo.InvariantCulture);

    public static string Value(PbrType type, object value) => (type.Kind, value) switch
    {
        (TypeKind.Money, long pence) => Pounds(pence),
        (TypeKind.Weeks, long days) => $"{days / 7} weeks",
        (TypeKind.Days, long days) => $"{days} days",
        (TypeKind.Rate, decimal rate) => rate.ToString(CultureInfo.InvariantCulture),
        (TypeKind.Date, LocalDate date) => Date(date),
        (_, string s) => $"\"{s}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string Rounding(Pbr.Core.Rounding rounding) => rounding switch
    {
        Pbr.Core.Rounding.HalfAwayFromZero => "half away from zero",
        Pbr.Core.Rounding.HalfEven => "half to even",
        Pbr.Core.Rounding.TowardZero => "toward zero",
        Pbr.Core.Rounding.Down => "down",
        _ => "up",
    };
}
