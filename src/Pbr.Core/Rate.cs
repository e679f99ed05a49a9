using System.Globalization;

namespace Pbr.Core;

/// <summary>
/// An exact ratio such as a reoffending rate or a discount, held as a <see cref="decimal"/>
/// (never a binary float). <c>Rate.FromPercent(7.5m)</c> is 0.075.
/// </summary>
public readonly record struct Rate(decimal Value) : IComparable<Rate>
{
    public static Rate Zero => default;

    public static Rate One => new(1m);

    /// <summary>Creates a rate from a percentage: 7.5 gives 0.075.</summary>
    public static Rate FromPercent(decimal percent) => new(percent / 100m);

    /// <summary>Gets the rate as a percentage: 0.075 gives 7.5.</summary>
    public decimal Percent => Value * 100m;

    /// <summary>Gets one minus this rate, e.g. the share kept after a discount.</summary>
    public Rate Complement => new(1m - Value);

    public int CompareTo(Rate other) => Value.CompareTo(other.Value);

    public static bool operator <(Rate left, Rate right) => left.Value < right.Value;

    public static bool operator >(Rate left, Rate right) => left.Value > right.Value;

    public static bool operator <=(Rate left, Rate right) => left.Value <= right.Value;

    public static bool operator >=(Rate left, Rate right) => left.Value >= right.Value;

    // Equal rates must have equal text (0.075 and 0.0750 are one rate, and text feeds hashes),
    // and no digit may be lost, so trailing zeros go and every significant digit stays.
    internal const string ExactFormat = "0.############################";

    /// <summary>Formats the exact value without trailing zeros, e.g. <c>0.075</c>.</summary>
    public override string ToString() => Value.ToString(ExactFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats as a percentage with every significant digit, e.g. <c>7.5%</c>.</summary>
    public string ToPercentString() => Percent.ToString(ExactFormat, CultureInfo.InvariantCulture) + "%";
}
