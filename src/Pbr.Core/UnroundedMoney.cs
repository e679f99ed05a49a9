namespace Pbr.Core;

/// <summary>
/// An amount of money in fractional pence, the result of applying a rate. It cannot be paid or
/// added to <see cref="Money"/>: it must first be rounded by a named <see cref="Rounding"/>.
/// </summary>
public readonly record struct UnroundedMoney(decimal Pence)
{
    // 10^0 to 10^19, the powers that fit in 64 bits.
    private static readonly ulong[] PowersOfTen = Powers();

    /// <summary>Rounds to whole pence by the given mode.</summary>
    /// <exception cref="OverflowException">The result does not fit in a <see cref="long"/>.</exception>
    public Money Round(Rounding mode)
    {
        if (mode is < Rounding.HalfAwayFromZero or > Rounding.Up)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode.");
        }

        if (RoundSmall(Pence, mode) is { } pence)
        {
            return Money.FromPence(pence);
        }

        var rounded = mode switch
        {
            Rounding.HalfAwayFromZero => Math.Round(Pence, 0, MidpointRounding.AwayFromZero),
            Rounding.HalfEven => Math.Round(Pence, 0, MidpointRounding.ToEven),
            Rounding.TowardZero => Math.Round(Pence, 0, MidpointRounding.ToZero),
            Rounding.Down => Math.Round(Pence, 0, MidpointRounding.ToNegativeInfinity),
            _ => Math.Round(Pence, 0, MidpointRounding.ToPositiveInfinity), // Rounding.Up: the mode was checked above
        };
        return Money.FromPence(decimal.ToInt64(rounded));
    }

    /// <summary>
    /// Rounds a decimal whose digits fit in 64 bits with integer arithmetic on those digits: the same
    /// result as Math.Round, which costs more than the rest of pricing a line. Null for anything larger,
    /// which Math.Round then rounds. The mode is one of the five (Round checks it).
    /// </summary>
    private static long? RoundSmall(decimal value, Rounding mode)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0 || scale >= PowersOfTen.Length)
        {
            return null;
        }

        // value = ±digits / 10^scale; the magnitude is rounded, then the sign applied.
        var digits = unchecked((uint)bits[0] | ((ulong)(uint)bits[1] << 32));
        var negative = bits[3] < 0;
        var divisor = PowersOfTen[scale];
        var whole = digits / divisor;
        var rest = digits % divisor;
        var other = divisor - rest;
        var up = rest != 0 && mode switch
        {
            Rounding.HalfAwayFromZero => rest >= other,
            Rounding.HalfEven => rest > other || (rest == other && (whole & 1) == 1),
            Rounding.TowardZero => false,
            Rounding.Down => negative,
            _ => !negative, // Rounding.Up
        };
        if (up)
        {
            // Only a fraction rounds up, so the scale is at least 1 and whole is under 2^64 / 10.
            whole++;
        }

        if (whole > long.MaxValue)
        {
            return null;
        }

        var magnitude = (long)whole;
        return negative ? -magnitude : magnitude;
    }

    private static ulong[] Powers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = checked(powers[i - 1] * 10);
        }

        return powers;
    }

    /// <summary>Multiplies by a further exact factor, still unrounded.</summary>
    public UnroundedMoney Times(decimal factor) => new(checked(Pence * factor));

    public static UnroundedMoney operator +(UnroundedMoney left, UnroundedMoney right) => new(checked(left.Pence + right.Pence));

    /// <summary>Formats in pounds with all significant fractional digits, for explanations.</summary>
    /// <remarks>An auditor must see the exact figure that was rounded, so no digit is dropped.</remarks>
    public override string ToString() =>
        (Pence / 100m).ToString("0.00##########################", System.Globalization.CultureInfo.InvariantCulture);
}
