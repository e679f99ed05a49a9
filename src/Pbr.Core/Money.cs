using System.Globalization;

namespace Pbr.Core;

/// <summary>
/// An amount of pounds sterling held as a whole number of pence.
/// </summary>
/// <remarks>
/// All arithmetic is checked: an overflow throws <see cref="OverflowException"/> rather than wrapping.
/// Multiplying by a rate gives an <see cref="UnroundedMoney"/>, which becomes money again only
/// through <see cref="UnroundedMoney.Round(Rounding)"/>, so every rounding in the system is named.
/// </remarks>
public readonly partial struct Money : IEquatable<Money>, IComparable<Money>
{
    private Money(long pence) => Pence = pence;

    /// <summary>Gets zero pounds.</summary>
    public static Money Zero => default;

    /// <summary>Gets the amount in pence.</summary>
    public long Pence { get; }

    /// <summary>Gets a value indicating whether the amount is below zero.</summary>
    public bool IsNegative => Pence < 0;

    /// <summary>Creates an amount from whole pence.</summary>
    public static Money FromPence(long pence) => new(pence);

    /// <summary>Creates an amount from whole pounds.</summary>
    public static Money FromPounds(long pounds) => new(checked(pounds * 100));

    /// <summary>Creates an amount from a decimal number of pounds that must be a whole number of pence.</summary>
    /// <exception cref="ArgumentException">The value has a fraction of a penny.</exception>
    public static Money FromDecimalPounds(decimal pounds)
    {
        var pence = pounds * 100m;
        if (pence != decimal.Truncate(pence))
        {
            throw new ArgumentException($"£{pounds} is not a whole number of pence; round it first.", nameof(pounds));
        }

        return new(decimal.ToInt64(pence));
    }

    /// <summary>Gets the amount as a decimal number of pounds (exact).</summary>
    public decimal ToDecimalPounds() => Pence / 100m;

    /// <summary>Multiplies by an exact factor; the result must be rounded before it can be paid.</summary>
    public UnroundedMoney Times(decimal factor) => new(checked(Pence * factor));

    /// <summary>Multiplies by a rate; the result must be rounded before it can be paid.</summary>
    public UnroundedMoney Times(Rate rate) => Times(rate.Value);

    /// <summary>Multiplies by a whole number, exactly.</summary>
    public Money Times(long count) => new(checked(Pence * count));

    public static Money operator +(Money left, Money right) => new(checked(left.Pence + right.Pence));

    public static Money operator -(Money left, Money right) => new(checked(left.Pence - right.Pence));

    public static Money operator -(Money value) => new(checked(-value.Pence));

    public static bool operator ==(Money left, Money right) => left.Pence == right.Pence;

    public static bool operator !=(Money left, Money right) => left.Pence != right.Pence;

    public static bool operator <(Money left, Money right) => left.Pence < right.Pence;

    public static bool operator >(Money left, Money right) => left.Pence > right.Pence;

    public static bool operator <=(Money left, Money right) => left.Pence <= right.Pence;

    public static bool operator >=(Money left, Money right) => left.Pence >= right.Pence;

    /// <summary>Returns the smaller of two amounts.</summary>
    public static Money Min(Money left, Money right) => left <= right ? left : right;

    /// <summary>Returns the larger of two amounts.</summary>
    public static Money Max(Money left, Money right) => left >= right ? left : right;

    /// <summary>Adds up amounts with checked arithmetic.</summary>
    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero;
        foreach (var amount in amounts)
        {
            total += amount;
        }

        return total;
    }

    public bool Equals(Money other) => Pence == other.Pence;

    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    public override int GetHashCode() => Pence.GetHashCode();

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    /// <summary>Formats as plain pounds with two decimals, e.g. <c>-1234.56</c>, the file format.</summary>
    public override string ToString() => ToDecimalPounds().ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Formats for people, e.g. <c>£1,234.56</c> or <c>-£1,234.56</c>.</summary>
    public string ToDisplayString()
    {
        var magnitude = Math.Abs(ToDecimalPounds()).ToString("#,##0.00", CultureInfo.InvariantCulture);
        return IsNegative ? "-£" + magnitude : "£" + magnitude;
    }
}
