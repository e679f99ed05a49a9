using FsCheck;
using FsCheck.Fluent;
using Pbr.Core;

namespace Pbr.Core.Tests;

[FsCheck.NUnit.Properties(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
public sealed class UnroundedMoneyTests
{
    // Each row: unrounded pence, then the expected pence for HalfAwayFromZero, HalfEven, TowardZero, Down, Up.
    [TestCase("2.5", 3L, 2L, 2L, 2L, 3L)]
    [TestCase("3.5", 4L, 4L, 3L, 3L, 4L)]
    [TestCase("-2.5", -3L, -2L, -2L, -3L, -2L)]
    [TestCase("2.4999", 2L, 2L, 2L, 2L, 3L)]
    [TestCase("2.5001", 3L, 3L, 2L, 2L, 3L)]
    [TestCase("-0.1", 0L, 0L, 0L, -1L, 0L)]
    [TestCase("0.1", 0L, 0L, 0L, 0L, 1L)]
    [TestCase("7", 7L, 7L, 7L, 7L, 7L)]
    public void Round_EachMode_GivesExpectedPence(string pence, long away, long even, long towardZero, long down, long up)
    {
        var value = new UnroundedMoney(decimal.Parse(pence, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(value.Round(Rounding.HalfAwayFromZero).Pence, Is.EqualTo(away));
        Assert.That(value.Round(Rounding.HalfEven).Pence, Is.EqualTo(even));
        Assert.That(value.Round(Rounding.TowardZero).Pence, Is.EqualTo(towardZero));
        Assert.That(value.Round(Rounding.Down).Pence, Is.EqualTo(down));
        Assert.That(value.Round(Rounding.Up).Pence, Is.EqualTo(up));
    }

    [FsCheck.NUnit.Property(MaxTest = 5000)]
    public Property Round_AnyDecimal_SameAsMathRound()
    {
        // Digits of up to 96 bits at every scale and sign: the integer path (digits within 64 bits) and
        // the fallback must both round exactly as Math.Round does, and overflow alike.
        var decimals =
            from lo in ArbMap.Default.GeneratorFor<int>()
            from mid in Gen.OneOf(Gen.Constant(0), ArbMap.Default.GeneratorFor<int>())
            from hi in Gen.Frequency((4, Gen.Constant(0)), (1, ArbMap.Default.GeneratorFor<int>()))
            from negative in ArbMap.Default.GeneratorFor<bool>()
            from scale in Gen.Choose(0, 28)
            from mode in Gen.Elements(Enum.GetValues<Rounding>())
            select (Value: new decimal(lo, mid, hi, negative, (byte)scale), Mode: mode);
        return Prop.ForAll(decimals.ToArbitrary(), c =>
        {
            var midpoint = c.Mode switch
            {
                Rounding.HalfAwayFromZero => MidpointRounding.AwayFromZero,
                Rounding.HalfEven => MidpointRounding.ToEven,
                Rounding.TowardZero => MidpointRounding.ToZero,
                Rounding.Down => MidpointRounding.ToNegativeInfinity,
                _ => MidpointRounding.ToPositiveInfinity,
            };
            var rounded = Math.Round(c.Value, 0, midpoint);
            var expected = rounded is >= long.MinValue and <= long.MaxValue ? (long?)decimal.ToInt64(rounded) : null;
            long? actual;
            try
            {
                actual = new UnroundedMoney(c.Value).Round(c.Mode).Pence;
            }
            catch (OverflowException)
            {
                actual = null;
            }

            return (actual == expected).Label($"{c.Value} {c.Mode}: {actual} against {expected}");
        });
    }

    [Test]
    public void Round_BeyondLong_Throws()
    {
        var huge = new UnroundedMoney((decimal)long.MaxValue + 1m);

        Assert.That(() => huge.Round(Rounding.Down), Throws.TypeOf<OverflowException>());
    }

    [Test]
    public void Round_UnknownMode_Throws()
    {
        Assert.That(() => new UnroundedMoney(1m).Round((Rounding)99), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ToString_KeepsEveryDigitInPounds()
    {
        // 12345.678p is £123.45678; nothing is rounded away in an explanation.
        Assert.That(new UnroundedMoney(12345.678m).ToString(), Is.EqualTo("123.45678"));
        Assert.That(new UnroundedMoney(1m / 3m).ToString(), Is.EqualTo("0.0033333333333333333333333333"));
        Assert.That(new UnroundedMoney(-50m).ToString(), Is.EqualTo("-0.50"));
    }

    [Test]
    public void Times_And_Add_StayUnrounded()
    {
        // 100p × 0.333 = 33.3p; + 0.7p = 34p; × 1.5 = 51p.
        var value = (Money.FromPence(100).Times(0.333m) + new UnroundedMoney(0.7m)).Times(1.5m);

        Assert.That(value.Pence, Is.EqualTo(51m));
    }

    [FsCheck.NUnit.Property]
    public bool Round_Nearest_WithinHalfPenny(UnroundedMoney value) =>
        Math.Abs(value.Round(Rounding.HalfAwayFromZero).Pence - value.Pence) <= 0.5m
        && Math.Abs(value.Round(Rounding.HalfEven).Pence - value.Pence) <= 0.5m;

    [FsCheck.NUnit.Property]
    public bool Round_Directed_WithinOnePennyInItsDirection(UnroundedMoney value)
    {
        var down = value.Round(Rounding.Down).Pence;
        var up = value.Round(Rounding.Up).Pence;
        var towardZero = value.Round(Rounding.TowardZero).Pence;
        return down <= value.Pence && value.Pence - down < 1m
            && up >= value.Pence && up - value.Pence < 1m
            && Math.Abs(towardZero) <= Math.Abs(value.Pence) && Math.Abs(value.Pence - towardZero) < 1m;
    }

    [FsCheck.NUnit.Property]
    public Property Round_HalfAwayFromZero_OnHalves_MovesAwayFromZero(int whole)
    {
        var half = new UnroundedMoney(whole + (whole < 0 ? -0.5m : 0.5m));
        var rounded = half.Round(Rounding.HalfAwayFromZero).Pence;
        return (Math.Abs(rounded) == Math.Abs((long)whole) + 1).Label($"{half.Pence} -> {rounded}");
    }

    [FsCheck.NUnit.Property]
    public bool Round_HalfEven_OnHalves_IsEven(int whole) =>
        new UnroundedMoney(whole + 0.5m).Round(Rounding.HalfEven).Pence % 2 == 0;

    [FsCheck.NUnit.Property]
    public bool Round_WholePence_IsIdentityInEveryMode(Money money) =>
        Enum.GetValues<Rounding>().All(mode => money.Times(1m).Round(mode) == money);
}
