using Pbr.Core;

namespace Pbr.Core.Tests;

public sealed class MoneyParsingTests
{
    [TestCase("1234.56", 123456L)]
    [TestCase("£1,234.56", 123456L)]
    [TestCase("-1234.56", -123456L)]
    [TestCase("-£1,234.56", -123456L)]
    [TestCase("12", 1200L)]
    [TestCase("12.5", 1250L)]
    [TestCase("0.01", 1L)]
    [TestCase("-0.01", -1L)]
    [TestCase("£1,234,567.00", 123456700L)]
    [TestCase(" 7.50 ", 750L)]
    [TestCase("92233720368547758.07", long.MaxValue)]
    [TestCase("-92233720368547758.08", long.MinValue)]
    public void Parse_WellFormed_GivesPence(string text, long pence)
    {
        var result = Money.Parse(text);

        Assert.That(result.Success, Is.True, result.Error);
        Assert.That(result.Value.Pence, Is.EqualTo(pence));
    }

    [TestCase("1,23.00", "'1,23.00' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("12.345", "'12.345' must have one or two digits after the decimal point")]
    [TestCase("£", "'£' is not an amount in pounds")]
    [TestCase("", "an amount is required")]
    [TestCase("   ", "an amount is required")]
    [TestCase(null, "an amount is required")]
    [TestCase("1e3", "'1e3' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("--1", "'--1' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("-", "'-' is not an amount in pounds")]
    [TestCase("12.", "'12.' must have one or two digits after the decimal point")]
    [TestCase(".50", "'.50' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("1234,567.00", "'1234,567.00' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase(",123.00", "',123.00' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("1,,234", "'1,,234' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("0,123.00", "'0,123.00' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("0,50", "'0,50' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("£-5", "'£-5' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("1.2x", "'1.2x' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("+5", "'+5' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("٣", "'٣' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    [TestCase("92233720368547758.08", "'92233720368547758.08' is too large an amount")]
    [TestCase("99999999999999999999999", "'99999999999999999999999' is not an amount in pounds (expected e.g. 1234.56 or £1,234.56)")]
    public void Parse_Malformed_FailsWithReason(string? text, string reason)
    {
        var result = Money.Parse(text);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Error, Is.EqualTo(reason));
        Assert.That(() => result.Value, Throws.InvalidOperationException.With.Message.EqualTo(reason));
    }

    [Test]
    public void TryParse_Malformed_ReturnsFalseAndZero()
    {
        Assert.That(Money.TryParse("1e3", out var value), Is.False);
        Assert.That(value, Is.EqualTo(Money.Zero));
        Assert.That(Money.TryParse("£2.50", out value), Is.True);
        Assert.That(value.Pence, Is.EqualTo(250));
    }

    [TestCase(123456L, "1234.56", "£1,234.56")]
    [TestCase(-123456L, "-1234.56", "-£1,234.56")]
    [TestCase(0L, "0.00", "£0.00")]
    [TestCase(5L, "0.05", "£0.05")]
    [TestCase(-5L, "-0.05", "-£0.05")]
    [TestCase(100_000_000L, "1000000.00", "£1,000,000.00")]
    [TestCase(long.MinValue, "-92233720368547758.08", "-£92,233,720,368,547,758.08")]
    public void Format_BothForms(long pence, string plain, string display)
    {
        var money = Money.FromPence(pence);

        Assert.That(money.ToString(), Is.EqualTo(plain));
        Assert.That(money.ToDisplayString(), Is.EqualTo(display));
    }
}
