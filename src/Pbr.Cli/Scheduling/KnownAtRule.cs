namespace Pbr.Cli.Scheduling;

/// <summary>Which evidence a scheduled settlement may use: recorded by the as-of date, or by the fire date.</summary>
internal enum KnownAtRule
{
    /// <summary>Evidence recorded on or before the fire's date (<c>fire-date</c>): what was known when the run was due.</summary>
    FireDate,

    /// <summary>Evidence recorded on or before the as-of date (<c>as-of</c>), as <c>pbr settle</c> does by default.</summary>
    AsOf,
}
