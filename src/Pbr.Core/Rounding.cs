namespace Pbr.Core;

/// <summary>
/// How an unrounded amount becomes whole pence. There is no default: every call names one.
/// </summary>
public enum Rounding
{
    /// <summary>Halves go away from zero: 0.5p becomes 1p, -0.5p becomes -1p.</summary>
    HalfAwayFromZero,

    /// <summary>Halves go to the even penny (banker's rounding).</summary>
    HalfEven,

    /// <summary>Towards zero: fractions of a penny are dropped.</summary>
    TowardZero,

    /// <summary>Towards negative infinity.</summary>
    Down,

    /// <summary>Towards positive infinity.</summary>
    Up,
}
