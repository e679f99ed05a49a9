using Pbr.Core;

namespace Pbr.Core.Tests;

public sealed class MoneyTests
{
    [Test]
    public void Add_Overflow_Throws()
    {
        var max = Money.FromPence(long.MaxValue);

        Assert.That(() => max + Money.FromPence(1), Throws.TypeOf<OverflowException>());
        Assert.That(() => Money.FromPence(long.MinValue) - Money.FromPence(1), Throws.TypeOf<OverflowException>());
        Assert.That(() => -Money.FromPence(long.MinValue), Throws.TypeOf<OverflowException>());
        Assert.That(() => max.Times(2L), Throws.TypeOf<OverflowException>());
        Assert.That(() => Money.FromPounds(long.MaxValue / 10), Throws.TypeOf<OverflowException>());
        Assert.That(() => Money.Sum([max, Money.FromPence(1)]), Throws.TypeOf<OverflowException>());
    }

    [Test]
    public void Times_RateThenRound_HalfPennyGoesAwayFromZero()
    {
        // £1,200.00 less a 7.5% discount: 120000p × 0.925 = 111000p exactly.
        Assert.That(Money.FromPounds(1200).Times(Rate.FromPercent(7.5m)).Round(Rounding.HalfAwayFromZero).Pence, Is.EqualTo(9000));
        Assert.That(Money.FromPounds(1200).Times(Rate.FromPercent(7.5m).Complement).Round(Rounding.HalfAwayFromZero).Pence, Is.EqualTo(111000));

        // £170.00 × 0.925 = 15725p exactly; £1.01 × 0.5 = 50.5p, which rounds to 51p.
        Assert.That(Money.FromPounds(170).Times(0.925m).Round(Rounding.HalfAwayFromZero).Pence, Is.EqualTo(15725));
        Assert.That(Money.FromPence(101).Times(0.5m).Round(Rounding.HalfAwayFromZero).Pence, Is.EqualTo(51));
    }

    [Test]
    public void FromDecimalPounds_FractionOfPenny_Throws()
    {
        Assert.That(Money.FromDecimalPounds(12.34m).Pence, Is.EqualTo(1234));
        Assert.That(() => Money.FromDecimalPounds(12.345m), Throws.ArgumentException);
    }

    [Test]
    public void FromPounds_GivesHundredPencePerPound()
    {
        Assert.That(Money.FromPounds(-3).Pence, Is.EqualTo(-300));
        Assert.That(Money.FromPounds(3).ToDecimalPounds(), Is.EqualTo(3.00m));
    }

    [Test]
    public void Comparison_OrdersByPence()
    {
        var one = Money.FromPence(1);
        var two = Money.FromPence(2);

        Assert.That(one < two && two > one && one <= Money.FromPence(1) && two >= Money.FromPence(2), Is.True);
        Assert.That(Money.Min(one, two), Is.EqualTo(one));
        Assert.That(Money.Max(one, two), Is.EqualTo(two));
        Assert.That(one.CompareTo(two), Is.Negative);
        Assert.That(one.Equals((object)Money.FromPence(1)), Is.True);
        Assert.That(one != two, Is.True);
        Assert.That(Money.FromPence(-1).IsNegative, Is.True);
        Assert.That(Money.Zero.IsNegative, Is.False);
    }

    [Test]
    public void Sum_AddsEveryAmount()
    {
        // 1p + 2p + 3p = 6p.
        Assert.That(Money.Sum([Money.FromPence(1), Money.FromPence(2), Money.FromPence(3)]).Pence, Is.EqualTo(6));
        Assert.That(Money.Sum([]), Is.EqualTo(Money.Zero));
    }
}
