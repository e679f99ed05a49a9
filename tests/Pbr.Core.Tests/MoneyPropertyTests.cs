using FsCheck;
using FsCheck.Fluent;
using Pbr.Core;

namespace Pbr.Core.Tests;

[FsCheck.NUnit.Properties(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 500)]
public sealed class MoneyPropertyTests
{
    [FsCheck.NUnit.Property]
    public bool Add_IsAssociative(Money a, Money b, Money c) => (a + b) + c == a + (b + c);

    [FsCheck.NUnit.Property]
    public bool Add_IsCommutative(Money a, Money b) => a + b == b + a;

    [FsCheck.NUnit.Property]
    public bool Add_ZeroIsIdentity(Money a) => a + Money.Zero == a;

    [FsCheck.NUnit.Property]
    public bool Subtract_UndoesAdd(Money a, Money b) => a + b - b == a;

    [FsCheck.NUnit.Property]
    public bool Negate_IsSubtractionFromZero(Money a) => -a == Money.Zero - a && -(-a) == a;

    [FsCheck.NUnit.Property]
    public bool Sum_EqualsFoldedAddition(Money a, Money b, Money c)
    {
        Money[] amounts = [a, b, c];
        return Money.Sum(amounts) == a + b + c && Money.Sum(amounts.Reverse()) == Money.Sum(amounts);
    }

    [FsCheck.NUnit.Property]
    public bool Parse_OfPlainFormat_RoundTrips(Money a) => Money.Parse(a.ToString()) is { Success: true } r && r.Value == a;

    [FsCheck.NUnit.Property]
    public bool Parse_OfDisplayFormat_RoundTrips(Money a) =>
        Money.Parse(a.ToDisplayString()) is { Success: true } r && r.Value == a;

    [FsCheck.NUnit.Property]
    public bool Format_PlainAlwaysHasTwoDecimals(Money a)
    {
        var text = a.ToString();
        return text[^3] == '.' && text.Count(c => c == '.') == 1 && !text.Contains(',', StringComparison.Ordinal);
    }

    [FsCheck.NUnit.Property]
    public bool Parse_ExtremeValues_RoundTrip(long pence)
    {
        // The whole range of long, not just the small amounts, including both ends.
        var a = Money.FromPence(pence);
        return Money.Parse(a.ToString()).Value == a && Money.Parse(a.ToDisplayString()).Value == a;
    }

    [FsCheck.NUnit.Property]
    public Property Add_BeyondRange_ThrowsElseExact(long a, long b)
    {
        // BigInteger gives the true sum; money must equal it when it fits and throw when it does not.
        var exact = (System.Numerics.BigInteger)a + b;
        var fits = exact >= long.MinValue && exact <= long.MaxValue;
        try
        {
            var sum = Money.FromPence(a) + Money.FromPence(b);
            return (fits && sum.Pence == (long)exact).Label("fits and exact");
        }
        catch (OverflowException)
        {
            return (!fits).Label("overflow only when out of range");
        }
    }
}
