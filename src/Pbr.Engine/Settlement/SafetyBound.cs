using Pbr.Core;

namespace Pbr.Engine.Settlement;

/// <summary>
/// The safety bound of a settlement run: a run that would claw back more than a configured share of
/// what a contract has been paid so far stops for review instead of posting.
/// </summary>
public static class SafetyBound
{
    /// <summary>
    /// Tells whether <paramref name="clawbacks"/> (zero or negative) take back more than
    /// <paramref name="maxShare"/> of <paramref name="paidBefore"/>; never when there is no bound.
    /// </summary>
    public static bool Exceeded(Money clawbacks, Money paidBefore, Rate? maxShare)
    {
        if (maxShare is not { } share || clawbacks == Money.Zero)
        {
            return false;
        }

        // Compared exactly in fractional pence: no rounding decides whether money moves.
        return (-clawbacks).Pence > paidBefore.Times(share).Pence;
    }
}
