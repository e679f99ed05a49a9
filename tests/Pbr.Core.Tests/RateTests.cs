using Pbr.Core;

namespace Pbr.Core.Tests;

public sealed class RateTests
{
    [Test]
    public void FromPercent_DividesByHundred()
    {
        Assert.That(Rate.FromPercent(7.5m).Value, Is.EqualTo(0.075m));
        Assert.That(Rate.FromPercent(7.5m).Complement.Value, Is.EqualTo(0.925m));
        Assert.That(new Rate(0.075m).Percent, Is.EqualTo(7.5m));
    }

    [Test]
    public void ToString_EqualRates_SameText()
    {
        // 0.075 and 0.0750 are one rate; their text feeds hashes, so it must be one text.
        Assert.That(new Rate(0.0750m), Is.EqualTo(new Rate(0.075m)));
        Assert.That(new Rate(0.0750m).GetHashCode(), Is.EqualTo(new Rate(0.075m).GetHashCode()));
        Assert.That(new Rate(0.0750m).ToString(), Is.EqualTo("0.075"));
        Assert.That(new Rate(1.00m).ToString(), Is.EqualTo("1"));
        Assert.That(new Rate(0.123456789m).ToPercentString(), Is.EqualTo("12.3456789%"));
        Assert.That(new Rate(-0.5m).ToString(), Is.EqualTo("-0.5"));
    }

    [Test]
    public void Comparison_OrdersByValue()
    {
        var low = new Rate(0.05m);
        var high = new Rate(0.55m);

        Assert.That(low < high && high > low && low <= new Rate(0.050m) && high >= new Rate(0.550m), Is.True);
        Assert.That(low.CompareTo(high), Is.Negative);
        Assert.That(Rate.Zero.Value, Is.Zero);
        Assert.That(Rate.One.Value, Is.EqualTo(1m));
    }

    [Test]
    public void Percentage_ToRate_And_Format()
    {
        var discount = new Percentage(7.5m);

        Assert.That(discount.ToRate(), Is.EqualTo(new Rate(0.075m)));
        Assert.That(discount.ToString(), Is.EqualTo("7.5%"));
        Assert.That(new Percentage(7.50m).ToString(), Is.EqualTo("7.5%"));
        Assert.That(new Percentage(0.00001m).ToString(), Is.EqualTo("0.00001%"));
        Assert.That(new Percentage(0m).ToString(), Is.EqualTo("0%"));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool ToString_ParsesBackToEqualRate(decimal value) =>
        decimal.Parse(new Rate(value).ToString(), System.Globalization.CultureInfo.InvariantCulture) == value;
}
