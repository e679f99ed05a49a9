using NodaTime;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>One fire of a schedule: its scheduled time and the dates the settlement uses.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="FireTime">The scheduled fire time; a late (caught-up) run keeps the time it was due.</param>
/// <param name="AsOf">The as-of date derived from the fire time by the schedule's rule.</param>
/// <param name="KnownAt">The known-at date derived from the fire time by the schedule's rule.</param>
public sealed record ScheduledFire(string Schedule, Instant FireTime, LocalDate AsOf, LocalDate KnownAt);
