using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// What is owed, computed the slow and obvious way straight from docs/language.md §4 for the
/// generated parameters: day-by-day loops, no code shared with the tariff language, the engine or
/// the other reference models. Keys are "participant||outcome|instalment", as the ledger is read.
/// </summary>
internal static class SimModel
{
    /// <summary>Gets the amount owed per key as of <paramref name="asOf"/> from the evidence known at <paramref name="knownAt"/>; zero amounts are left out.</summary>
    public static SortedDictionary<string, long> Owed(
        SimScheme scheme, IEnumerable<Participant> participants, IEnumerable<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var byParticipant = evidence.ToLookup(e => e.Participant.Value, StringComparer.Ordinal);
        var lines = new List<Line>();
        foreach (var p in participants)
        {
            var own = Lines(scheme, p, byParticipant[p.Id.Value], asOf, knownAt);
            lines.AddRange(scheme.CapScope == SimCapScope.Participant && scheme.CapPence is { } cap
                ? Capped(scheme, cap, own, (a, b) => Compare((a.Order(scheme), a.Due, a.Instalment), (b.Order(scheme), b.Due, b.Instalment)))
                : own);
        }

        if (scheme.CapScope != SimCapScope.Participant && scheme.CapPence is { } contractCap)
        {
            // Across the whole contract (or each contract year afresh): by due date, then the cap's
            // outcome order, then participant id and instalment.
            lines = [.. lines.GroupBy(l => scheme.CapScope == SimCapScope.ContractYear ? ContractYear(scheme, l.Due) : 0)
                .SelectMany(year => Capped(scheme, contractCap, [.. year], (a, b) =>
                    a.Due != b.Due ? a.Due.CompareTo(b.Due)
                    : a.Order(scheme) != b.Order(scheme) ? a.Order(scheme).CompareTo(b.Order(scheme))
                    : a.Participant != b.Participant ? string.CompareOrdinal(a.Participant, b.Participant)
                    : a.Instalment.CompareTo(b.Instalment)))];
        }

        var owed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Pence != 0))
        {
            owed[$"{line.Participant}||{line.Outcome}|{line.Instalment}"] = line.Pence;
        }

        return owed;
    }

    /// <summary>One participant's lines before any cap.</summary>
    private static List<Line> Lines(SimScheme scheme, Participant p, IEnumerable<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var lines = new List<Line>();
        var who = p.Id.Value;
        var start = p.StartDate;
        if (start > asOf)
        {
            return [];
        }

        var fees = scheme.Row(p.Attributes["payment_group"], start);
        lines.Add(new Line(who, "attachment", 1, Price(scheme, fees.AttachmentPence, scheme.Rounding), start));

        var employed = EmployedDays(p, evidence, asOf, knownAt);

        // Job outcome: the first day the count of employed days (all of them, or the current unbroken
        // run for "continuous") reaches 7 x weeks, no later than the last day of the window.
        var lastDay = start.PlusDays((7 * fees.WindowWeeks) - 1);
        var count = 0;
        LocalDate? jobDay = null;
        for (var day = start; day <= asOf && day <= lastDay; day = day.PlusDays(1))
        {
            if (employed.Contains(day))
            {
                count++;
            }
            else if (scheme.Continuous)
            {
                count = 0;
            }

            if (count == 7 * fees.JobWeeks)
            {
                jobDay = day;
                break;
            }
        }

        if (jobDay is { } job)
        {
            lines.Add(new Line(who, "job_outcome", 1, Price(scheme, fees.JobPence, scheme.Rounding), job));

            // Sustainment: blocks of consecutive employed days from the day after the job outcome; a
            // day without work loses the block begun; at most MaxBlocks instalments.
            var inBlock = 0;
            var paid = 0;
            for (var day = job.PlusDays(1); day <= asOf && paid < fees.MaxBlocks; day = day.PlusDays(1))
            {
                inBlock = employed.Contains(day) ? inBlock + 1 : 0;
                if (inBlock == fees.BlockDays)
                {
                    paid++;
                    lines.Add(new Line(who, "sustainment", paid, Price(scheme, fees.SustainmentPence, scheme.SustainmentRounding ?? scheme.Rounding), day));
                    inBlock = 0;
                }
            }
        }

        return lines;
    }

    /// <summary>The days from the start date to D covered by a verified spell in force at K (an open spell runs through D).</summary>
    private static HashSet<LocalDate> EmployedDays(Participant p, IEnumerable<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var days = new HashSet<LocalDate>();
        foreach (var versions in evidence.GroupBy(e => e.Id.Value, StringComparer.Ordinal))
        {
            var known = versions.Where(v => v.RecordedOn <= knownAt).ToList();
            if (known.Count == 0)
            {
                continue;
            }

            var inForce = known.MaxBy(v => v.RecordedOn)!;
            if (inForce.Status != EvidenceStatus.Verified || inForce.Kind != SimScheme.Employment)
            {
                continue;
            }

            for (var day = inForce.StartDate; day <= (inForce.EndDate ?? asOf) && day <= asOf; day = day.PlusDays(1))
            {
                if (day >= p.StartDate)
                {
                    days.Add(day);
                }
            }
        }

        return days;
    }

    /// <summary>
    /// Pays the capped outcomes' lines from the cap in the given order: in full while the cap lasts,
    /// the line that would pass it cut to what is left, later lines nothing. Other lines pass as they are.
    /// </summary>
    private static List<Line> Capped(SimScheme scheme, long cap, List<Line> lines, Comparison<Line> order)
    {
        var result = lines.Where(l => !scheme.CapOrder.Contains(l.Outcome)).ToList();
        var capped = lines.Where(l => scheme.CapOrder.Contains(l.Outcome)).ToList();
        capped.Sort(order);
        var left = cap;
        foreach (var line in capped)
        {
            var paid = Math.Min(line.Pence, left);
            left -= paid;
            result.Add(line with { Pence = paid });
        }

        return result;
    }

    private static int Compare((int, LocalDate, int) a, (int, LocalDate, int) b) => a.CompareTo(b);

    /// <summary>Contract year n runs from the contract's start plus n - 1 years to the day before its start plus n years.</summary>
    private static int ContractYear(SimScheme scheme, LocalDate due)
    {
        var n = 1;
        while (due >= scheme.Starts.PlusYears(n))
        {
            n++;
        }

        return n;
    }

    /// <summary>The fee less the contract's discount, exact, then rounded once to whole pence.</summary>
    private static long Price(SimScheme scheme, long fee, Rounding mode) => Round(fee * (1m - (scheme.DiscountPercent / 100m)), mode);

    /// <summary>Rounds a non-negative amount of pence by hand, from the mode's definition.</summary>
    public static long Round(decimal pence, Rounding mode)
    {
        if (pence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pence), pence, "the simulation never prices below zero");
        }

        var whole = decimal.Truncate(pence);
        var fraction = pence - whole;
        var up = mode switch
        {
            Rounding.Down or Rounding.TowardZero => false,
            Rounding.Up => fraction > 0,
            Rounding.HalfAwayFromZero => fraction >= 0.5m,
            Rounding.HalfEven => fraction > 0.5m || (fraction == 0.5m && whole % 2 == 1),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a rounding mode"),
        };
        return (long)whole + (up ? 1 : 0);
    }

    private sealed record Line(string Participant, string Outcome, int Instalment, long Pence, LocalDate Due)
    {
        public int Order(SimScheme scheme) => scheme.CapOrder.IndexOf(Outcome);
    }
}
