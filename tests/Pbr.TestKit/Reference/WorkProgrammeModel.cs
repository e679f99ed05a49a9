using Pbr.Core.Model;
using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>
/// The Work Programme reference tariff of issue 3, written straight from its rules as plain loops
/// over days, with no code shared with the tariff language. Property tests compare the compiled
/// scheme against it; it favours being obviously right over being fast.
/// </summary>
public static class WorkProgrammeModel
{
    /// <summary>The evidence kind the scheme reads.</summary>
    public const string EmploymentKind = "employment";

    /// <summary>Days of continuous employment that complete one sustainment block.</summary>
    public const int SustainmentBlockDays = 28;

    /// <summary>
    /// Computes every line due as of <paramref name="asOf"/> for one participant, from the evidence
    /// versions known at <paramref name="knownAt"/>, with the contract's bid discount (7.5 means 7.5%).
    /// </summary>
    public static IReadOnlyList<ModelLine> Evaluate(
        string paymentGroup,
        LocalDate start,
        IEnumerable<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        decimal discountPercent)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var tariff = WorkProgrammeTariff.For(paymentGroup);
        var lines = new List<ModelLine>();
        if (start > asOf)
        {
            // Not started yet as of D: nothing is due, not even the attachment fee.
            return lines;
        }

        var keep = 1m - (discountPercent / 100m);

        // Attachment: due on the start date, tapered by the financial year of the start date.
        var share = AttachmentShare(start);
        if (share > 0m)
        {
            lines.Add(new ModelLine("attachment", 1, Price(tariff.AttachmentPence * share, keep), start));
        }

        var employed = EmployedDays(start, evidence, asOf, knownAt);

        // Job outcome: the first day cumulative employment days reach 7 × weeks, inside 104 weeks.
        var needed = 7 * tariff.JobOutcomeWeeks;
        var lastDay = start.PlusWeeks(104).PlusDays(-1);
        var counted = 0;
        LocalDate? jobOutcomeDay = null;
        for (var day = start; day <= asOf && day <= lastDay; day = day.PlusDays(1))
        {
            if (employed.Contains(day))
            {
                counted++;
                if (counted == needed)
                {
                    jobOutcomeDay = day;
                    break;
                }
            }
        }

        if (jobOutcomeDay is not { } jobDay)
        {
            return lines;
        }

        lines.Add(new ModelLine("job_outcome", 1, Price(tariff.JobOutcomePence, keep), jobDay));

        // Sustainment: blocks of 28 consecutive employed days from the day after the job outcome;
        // a day without work throws the block away; the next block starts after an instalment.
        var inBlock = 0;
        var paid = 0;
        for (var day = jobDay.PlusDays(1); day <= asOf && paid < tariff.MaxSustainments; day = day.PlusDays(1))
        {
            if (!employed.Contains(day))
            {
                inBlock = 0;
                continue;
            }

            inBlock++;
            if (inBlock == SustainmentBlockDays)
            {
                paid++;
                lines.Add(new ModelLine("sustainment", paid, Price(tariff.SustainmentPence, keep), day));
                inBlock = 0;
            }
        }

        return lines;
    }

    /// <summary>
    /// Gets the share of the year-1 attachment fee paid for a start date: by financial year
    /// (1 April to 31 March), 100% to 2012-03-31, 75%, then 50%, then nothing from 2014-04-01.
    /// </summary>
    public static decimal AttachmentShare(LocalDate start) =>
        start <= new LocalDate(2012, 3, 31) ? 1m
        : start <= new LocalDate(2013, 3, 31) ? 0.75m
        : start <= new LocalDate(2014, 3, 31) ? 0.5m
        : 0m;

    /// <summary>
    /// Gets the days between the start date and D (both inclusive) covered by at least one verified
    /// employment spell known at K; an open spell runs through D.
    /// </summary>
    public static HashSet<LocalDate> EmployedDays(LocalDate start, IEnumerable<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var days = new HashSet<LocalDate>();
        foreach (var spell in KnownEvidence.AsKnownAt(evidence, EmploymentKind, knownAt))
        {
            if (spell.Status != EvidenceStatus.Verified)
            {
                continue;
            }

            var from = spell.StartDate < start ? start : spell.StartDate;
            var to = spell.EndDate is { } end && end < asOf ? end : asOf;
            for (var day = from; day <= to; day = day.PlusDays(1))
            {
                days.Add(day);
            }
        }

        return days;
    }

    private static long Price(decimal pence, decimal keep) => KnownEvidence.RoundHalfAwayFromZero(pence * keep);
}
