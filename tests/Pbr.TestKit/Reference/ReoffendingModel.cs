using System.Globalization;
using Pbr.Core.Model;
using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>
/// The reoffending reference tariff of issue 3 for one cohort, written straight from its rules,
/// independent of the tariff language.
/// </summary>
/// <remarks>
/// Decisions the issue leaves open, taken here in the plainest way: a reoffence is judged on the
/// version of its evidence in force at K (so its <c>recorded_on</c> is that version's); rates are
/// compared and priced exactly by multiplying through by the cohort size, so that a rate such as
/// 1/3 is never cut to 28 digits; a line whose amount is zero (a cap that leaves nothing) is not
/// written.
/// </remarks>
public static class ReoffendingModel
{
    /// <summary>The evidence kind the scheme reads.</summary>
    public const string ReoffenceKind = "proven_reoffence";

    /// <summary>Days after release in which an offence counts.</summary>
    public const int FollowUpDays = 365;

    /// <summary>Days after release by which a conviction must be recorded (follow-up plus six months' wait).</summary>
    public const int WaitingDays = 547;

    /// <summary>
    /// Computes the lines due as of <paramref name="asOf"/> for one cohort: its participants (all
    /// released in one calendar quarter) and their evidence versions, seen as known at <paramref name="knownAt"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The participants are not all of one quarter.</exception>
    public static IReadOnlyList<ModelLine> Evaluate(
        IEnumerable<Participant> cohortParticipants,
        IEnumerable<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        decimal baselineBinary,
        decimal baselineFrequency,
        long pricePerReoffenderAvoidedPence,
        long pricePerReoffenceAvoidedPence,
        long capPence)
    {
        ArgumentNullException.ThrowIfNull(cohortParticipants);
        var participants = cohortParticipants.ToList();
        var lines = new List<ModelLine>();
        if (participants.Count == 0)
        {
            return lines;
        }

        var cohorts = participants.Select(p => CohortOf(p.StartDate)).Distinct().ToList();
        if (cohorts.Count != 1)
        {
            throw new ArgumentException($"A cohort is one quarter; these participants span {string.Join(", ", cohorts)}.", nameof(cohortParticipants));
        }

        var dueDate = QuarterEnd(participants[0].StartDate).PlusDays(WaitingDays);
        if (asOf < dueDate)
        {
            // Follow-up and waiting periods not yet closed for the whole quarter: nothing is due.
            return lines;
        }

        var known = KnownEvidence.AsKnownAt(evidence, ReoffenceKind, knownAt);
        var size = participants.Count;
        var reoffenders = 0;
        var reoffences = 0;
        foreach (var participant in participants)
        {
            var count = known.Count(e => e.Participant == participant.Id && e.Contract == participant.Contract && Qualifies(e, participant.StartDate));
            reoffences += count;
            if (count > 0)
            {
                reoffenders++;
            }
        }

        // baseline − reoffenders/size ≥ 0.05, multiplied through by size.
        decimal binaryPence = 0m;
        if ((baselineBinary * size) - reoffenders >= 0.05m * size)
        {
            // price × (baseline − rate) × size = price × (baseline × size − reoffenders).
            binaryPence = pricePerReoffenderAvoidedPence * ((baselineBinary * size) - reoffenders);
        }

        // reoffences/size ≤ 0.9 × baseline, multiplied through by size.
        decimal frequencyPence = 0m;
        if (reoffences <= 0.9m * baselineFrequency * size)
        {
            frequencyPence = pricePerReoffenceAvoidedPence * ((baselineFrequency * size) - reoffences);
        }

        // Round each, then let the cap cut: binary first, frequency takes what is left.
        var binary = Math.Min(KnownEvidence.RoundHalfAwayFromZero(binaryPence), capPence);
        var frequency = Math.Min(KnownEvidence.RoundHalfAwayFromZero(frequencyPence), capPence - binary);
        if (binary > 0)
        {
            lines.Add(new ModelLine("binary_reduction", 1, binary, dueDate));
        }

        if (frequency > 0)
        {
            lines.Add(new ModelLine("frequency_reduction", 1, frequency, dueDate));
        }

        return lines;
    }

    /// <summary>Computes one cohort's lines with a contract's terms.</summary>
    public static IReadOnlyList<ModelLine> Evaluate(
        IEnumerable<Participant> cohortParticipants, IEnumerable<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt, ReoffendingTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Evaluate(
            cohortParticipants,
            evidence,
            asOf,
            knownAt,
            terms.BaselineBinary,
            terms.BaselineFrequency,
            terms.PricePerReoffenderAvoidedPence,
            terms.PricePerReoffenceAvoidedPence,
            terms.CapPence);
    }

    /// <summary>Gets whether a known version is a qualifying reoffence for someone released on <paramref name="release"/>.</summary>
    public static bool Qualifies(EvidenceVersion reoffence, LocalDate release)
    {
        ArgumentNullException.ThrowIfNull(reoffence);
        return reoffence.Status == EvidenceStatus.Verified
            && reoffence.StartDate > release
            && reoffence.StartDate <= release.PlusDays(FollowUpDays)
            && reoffence.RecordedOn <= release.PlusDays(WaitingDays);
    }

    /// <summary>Gets the cohort of a release date: its calendar quarter, e.g. <c>2012-Q1</c>.</summary>
    public static string CohortOf(LocalDate release) =>
        string.Create(CultureInfo.InvariantCulture, $"{release.Year}-Q{((release.Month - 1) / 3) + 1}");

    /// <summary>Gets the last day of the calendar quarter a date falls in.</summary>
    public static LocalDate QuarterEnd(LocalDate date)
    {
        var lastMonth = ((((date.Month - 1) / 3) + 1) * 3);
        return new LocalDate(date.Year, lastMonth, 1).PlusMonths(1).PlusDays(-1);
    }
}
