namespace Pbr.Core;

/// <summary>
/// An amount of money in fractional pence, the result of applying a rate. It cannot be paid or
/// added to <see cref="Money"/>: it must first be rounded by a named <see cref="Rounding"/>.
/// </summary>
public readonly record struct UnroundedMoney(decimal Pence)
{
    /// <summary>Rounds to whole pence by the given mode.</summary>
    /// <exception cref="OverflowException">The result does not fit in a <see cref="long"/>.</exception>
    public Money Round(Rounding mode)
    {
        var rounded = mode switch
        {
            Rounding.HalfAwayFromZero => Math.Round(Pence, 0, MidpointRounding.AwayFromZero),
            Rounding.HalfEven => Math.Round(Pence, 0, MidpointRounding.ToEven),
            Rounding.TowardZero => Math.Round(Pence, 0, MidpointRounding.ToZero),
            Rounding.Down => Math.Round(Pence, 0, MidpointRounding.ToNegativeInfinity),
            Rounding.Up => Math.Round(Pence, 0, MidpointRounding.ToPositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode."),
        };
        return Money.FromPence(decimal.ToInt64(rounded));
    }

    /// <summary>Multiplies by a further exact factor, still unrounded.</summary>
    public UnroundedMoney Times(decimal factor) => new(checked(Pence * factor));

    public static UnroundedMoney operator +(UnroundedMoney left, UnroundedMoney right) => new(checked(left.Pence + right.Pence));

    /// <summary>Formats in pounds with all significant fractional digits, for explanations.</summary>
    /// <remarks>An auditor must see the exact figure that was rounded, so no digit is dropped.</remarks>
    public override string ToString() =>
        (Pence / 100m).ToString("0.00##########################", System.Globalization.CultureInfo.InvariantCulture);
}
