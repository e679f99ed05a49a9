using Pbr.Core;
using Pbr.Engine.Settlement;

namespace Pbr.Engine.Tests.Settlement;

public sealed class SafetyBoundTests
{
    // £1,000.00 paid; a 25% bound allows £250.00 of clawbacks and not a penny more.
    [TestCase(-25_000, 25, false)]
    [TestCase(-25_001, 25, true)]
    [TestCase(0, 0, false)]
    [TestCase(-1, 0, true)]
    public void Exceeded_AgainstTheShareOfWhatWasPaid_ExactToThePenny(long clawbackPence, int percent, bool expected)
    {
        var exceeded = SafetyBound.Exceeded(Money.FromPence(clawbackPence), Money.FromPence(100_000), Rate.FromPercent(percent));

        Assert.That(exceeded, Is.EqualTo(expected));
    }

    [Test]
    public void Exceeded_NoBound_NeverStops()
    {
        Assert.That(SafetyBound.Exceeded(Money.FromPence(-100_000), Money.FromPence(100_000), null), Is.False);
    }
}
