namespace Pbr.Engine.Settlement;

/// <summary>What a posted line does: pays more for a key, or takes back what was overpaid.</summary>
public enum LineKind
{
    /// <summary>A positive difference: more is now due for the key.</summary>
    Payment,

    /// <summary>A negative difference: less is due than was posted, e.g. evidence was revoked.</summary>
    Clawback,

    /// <summary>A manual correction; settlement runs never produce it.</summary>
    Adjustment,
}
