using Pbr.Core;
using Pbr.Core.Model;
using NodaTime;

namespace Pbr.Benchmarks.Peers;

/// <summary>
/// The glue a team would write around RulesEngine, which has no notion of spells: the latest
/// verified version of each employment spell known at K, clipped to [start, as-of], merged into
/// continuous periods (overlapping or adjacent spells are one period). Days are day numbers.
/// </summary>
public static class EmploymentPeriods
{
    /// <summary>Gets the merged periods, in order, as inclusive (first, last) day numbers.</summary>
    public static List<(int First, int Last)> Of(
        IReadOnlyList<EvidenceVersion> evidence, LocalDate start, LocalDate asOf, LocalDate knownAt)
    {
        var latest = new Dictionary<EvidenceId, EvidenceVersion>();
        foreach (var version in evidence)
        {
            if (version.Kind == "employment" && version.RecordedOn <= knownAt
                && (!latest.TryGetValue(version.Id, out var seen) || seen.RecordedOn < version.RecordedOn))
            {
                latest[version.Id] = version;
            }
        }

        var startDay = start.ToDateOnly().DayNumber;
        var asOfDay = asOf.ToDateOnly().DayNumber;
        var spells = new List<(int First, int Last)>();
        foreach (var version in latest.Values)
        {
            if (version.Status != EvidenceStatus.Verified)
            {
                continue;
            }

            var first = Math.Max(version.StartDate.ToDateOnly().DayNumber, startDay);
            var last = Math.Min((version.EndDate ?? asOf).ToDateOnly().DayNumber, asOfDay);
            if (first <= last)
            {
                spells.Add((first, last));
            }
        }

        spells.Sort();
        var merged = new List<(int First, int Last)>(spells.Count);
        foreach (var spell in spells)
        {
            if (merged.Count > 0 && spell.First <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, spell.Last));
            }
            else
            {
                merged.Add(spell);
            }
        }

        return merged;
    }
}
