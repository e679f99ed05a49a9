using NodaTime;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// One row of the generated fee table: the prices of one payment group for participants whose start
/// date falls in [<paramref name="From"/>, <paramref name="Until"/>] (either end open when null).
/// </summary>
/// <param name="JobWeeks">Weeks of employment that earn the job outcome.</param>
/// <param name="WindowWeeks">Weeks from the start date within which the job outcome must be reached.</param>
/// <param name="BlockDays">Days of continuous employment in one sustainment block.</param>
/// <param name="MaxBlocks">The most sustainment instalments paid.</param>
internal sealed record SimFeeRow(
    LocalDate? From,
    LocalDate? Until,
    long AttachmentPence,
    long JobPence,
    int JobWeeks,
    int WindowWeeks,
    long SustainmentPence,
    int BlockDays,
    int MaxBlocks)
{
    /// <summary>Gets a value indicating whether a participant starting on <paramref name="start"/> is priced by this row.</summary>
    public bool Covers(LocalDate start) => (From is not { } from || start >= from) && (Until is not { } until || start <= until);
}
