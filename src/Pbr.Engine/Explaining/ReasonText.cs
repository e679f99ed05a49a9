using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Explaining;

/// <summary>The plain-English reason for a posted line: one home for those words.</summary>
public static class ReasonText
{
    /// <summary>
    /// Says why a run posted <paramref name="amount"/> for a key: what was due at the run, what had been
    /// posted before, and for a clawback the evidence versions that became known since the last posting.
    /// </summary>
    public static string For(
        Money amount, Money postedBefore, Money dueAtRun, LocalDate asOf, LocalDate knownAt, IEnumerable<EvidenceVersion> changedEvidence)
    {
        ArgumentNullException.ThrowIfNull(changedEvidence);
        var when = $"as of {Date(asOf)} (evidence known at {Date(knownAt)})";
        if (!amount.IsNegative)
        {
            return postedBefore == Money.Zero
                ? $"first payment: {dueAtRun.ToDisplayString()} became due {when}"
                : $"top-up: {dueAtRun.ToDisplayString()} was due {when}, {postedBefore.ToDisplayString()} had been posted before";
        }

        var changes = changedEvidence
            .OrderBy(e => e.RecordedOn)
            .ThenBy(e => e.Id)
            .Select(e => $"{e.Kind} {e.Id} recorded {Date(e.RecordedOn)} as {EvidenceStatusText.Format(e.Status)}" +
                         (e.EndDate is { } end ? $" ending {Date(end)}" : string.Empty))
            .ToList();
        var because = changes.Count == 0 ? string.Empty : "; evidence changed since: " + string.Join(", ", changes);
        return dueAtRun == Money.Zero
            ? $"clawback: nothing is due for this line {when}, but {postedBefore.ToDisplayString()} had been posted{because}"
            : $"clawback: {dueAtRun.ToDisplayString()} is due {when}, but {postedBefore.ToDisplayString()} had been posted{because}";
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date).ToString(CultureInfo.InvariantCulture);
}
