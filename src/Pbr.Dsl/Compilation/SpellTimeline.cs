using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Dsl.Compilation;

/// <summary>
/// The days a participant was in verified spells of one kind: the union of the spells, each
/// clipped to the period from the start date to the as-of date, as sorted, disjoint, non-adjacent
/// intervals (adjacent or overlapping spells merge, so a run of days with no gap is one interval).
/// </summary>
internal sealed class SpellTimeline
{
    private readonly List<(LocalDate Start, LocalDate End)> _intervals;
    private readonly List<(LocalDate Start, LocalDate End, EvidenceVersion Version)> _spells;

    private SpellTimeline(List<(LocalDate, LocalDate)> intervals, List<(LocalDate, LocalDate, EvidenceVersion)> spells)
    {
        _intervals = intervals;
        _spells = spells;
    }

    public IReadOnlyList<(LocalDate Start, LocalDate End)> Intervals => _intervals;

    /// <summary>Builds the timeline from the selected (latest known, verified) versions of one kind.</summary>
    public static SpellTimeline Build(IEnumerable<EvidenceVersion> versions, LocalDate from, LocalDate asOf)
    {
        var spells = new List<(LocalDate Start, LocalDate End, EvidenceVersion Version)>();
        foreach (var v in versions)
        {
            var start = v.StartDate < from ? from : v.StartDate;
            var endDate = v.EndDate ?? asOf;
            var end = endDate > asOf ? asOf : endDate;
            if (end >= start)
            {
                spells.Add((start, end, v));
            }
        }

        spells.Sort((a, b) =>
        {
            var c = a.Start.CompareTo(b.Start);
            return c != 0 ? c : a.Version.Id.CompareTo(b.Version.Id);
        });
        var intervals = new List<(LocalDate, LocalDate)>();
        foreach (var (start, end, _) in spells)
        {
            if (intervals.Count > 0 && start <= intervals[^1].Item2.PlusDays(1))
            {
                var last = intervals[^1];
                intervals[^1] = (last.Item1, end > last.Item2 ? end : last.Item2);
            }
            else
            {
                intervals.Add((start, end));
            }
        }

        return new SpellTimeline(intervals, spells);
    }

    /// <summary>Gets the first day on which the days counted reach <paramref name="days"/>, or null.</summary>
    public LocalDate? FirstDayReaching(long days, bool continuous)
    {
        if (days < 1)
        {
            days = 1;
        }

        long total = 0;
        foreach (var (start, end) in _intervals)
        {
            var length = Length(start, end);
            if (continuous)
            {
                if (length >= days)
                {
                    return start.PlusDays(checked((int)(days - 1)));
                }
            }
            else
            {
                if (total + length >= days)
                {
                    return start.PlusDays(checked((int)(days - total - 1)));
                }

                total += length;
            }
        }

        return null;
    }

    /// <summary>
    /// Gets the due dates of blocks of <paramref name="blockDays"/> consecutive days counted from
    /// <paramref name="from"/>: a day without a spell loses the block, and the next block starts the
    /// day after an instalment is due. At most <paramref name="max"/> blocks.
    /// </summary>
    public List<(LocalDate BlockStart, LocalDate Due)> Blocks(LocalDate from, long blockDays, long max)
    {
        var blocks = new List<(LocalDate, LocalDate)>();
        if (blockDays < 1 || max < 1)
        {
            return blocks;
        }

        foreach (var (start, end) in _intervals)
        {
            if (end < from)
            {
                continue;
            }

            var s = start < from ? from : start;
            while (blocks.Count < max && Length(s, end) >= blockDays)
            {
                var due = s.PlusDays(checked((int)(blockDays - 1)));
                blocks.Add((s, due));
                s = due.PlusDays(1);
            }

            if (blocks.Count >= max)
            {
                break;
            }
        }

        return blocks;
    }

    /// <summary>Gets the spells (as clipped) that have days in the period, in date order.</summary>
    public IEnumerable<(LocalDate Start, LocalDate End, EvidenceVersion Version)> SpellsWithin(LocalDate from, LocalDate to) =>
        _spells.Where(s => s.Start <= to && s.End >= from);

    private static long Length(LocalDate start, LocalDate end) =>
        end < start ? 0 : Period.Between(start, end, PeriodUnits.Days).Days + 1L;
}
