using System.Globalization;

namespace Pbr.Core;

/// <summary>
/// A percentage as written in a contract (7.5 means 7.5%), kept apart from <see cref="Rate"/>
/// so that 7.5 and 0.075 cannot be confused.
/// </summary>
public readonly record struct Percentage(decimal Percent)
{
    /// <summary>Gets the percentage as a rate: 7.5% gives 0.075.</summary>
    public Rate ToRate() => Rate.FromPercent(Percent);

    /// <summary>Formats with every significant digit and no trailing zeros, e.g. <c>7.5%</c>.</summary>
    public override string ToString() => Percent.ToString(Rate.ExactFormat, CultureInfo.InvariantCulture) + "%";
}
