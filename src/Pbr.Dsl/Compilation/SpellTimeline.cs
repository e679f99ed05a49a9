using NodaTime;
using Pbr.Core.Model;

namespace Pbr.Dsl.Compilation;

/// <summary>
/// The days a participant was in verified spells of one kind: the union of the spells, each
/// clipped to the period from the start date to the as-of date, as sorted, disjoint, non-adjacent
/// intervals (adjacent or overlapping spells merge, so a run of days with no gap is one interval).
/// Days are day numbers; the arrays are reused from participant to participant.
/// </summary>
internal sealed class SpellTimeline
{
    private int[] _intervalStarts = new int[8];
    private int[] _intervalEnds = new int[8];
    private Spell[] _spells = new Spell[8];

    public int IntervalCount { get; private set; }

    public int SpellCount { get; private set; }

    public static int Day(LocalDate date) => date.ToDateOnly().DayNumber;

    public static LocalDate Date(int day)
    {
        // Every due date of a line is made from a day number: the dates of 1970 to 2100 are looked up,
        // since working out a year, month and day from a day number costs more than the rest of the line.
        var offset = day - DateTable.FirstDay;
        return offset >= 0 && offset < DateTable.Dates.Length ? DateTable.Dates[offset] : LocalDate.FromDateOnly(DateOnly.FromDayNumber(day));
    }

    public Spell SpellAt(int index) => _spells[index];

    /// <summary>Builds the timeline from the selected (latest known, verified) versions of one kind.</summary>
    public void Build(List<EvidenceVersion> selected, string kind, int from, int asOf)
    {
        SpellCount = 0;
        IntervalCount = 0;
        foreach (var v in selected)
        {
            if (!string.Equals(v.Kind, kind, StringComparison.Ordinal))
            {
                continue;
            }

            var start = Math.Max(Day(v.StartDate), from);
            var end = Math.Min(v.EndDate is { } e ? Day(e) : asOf, asOf);
            if (end < start)
            {
                continue;
            }

            if (SpellCount == _spells.Length)
            {
                Array.Resize(ref _spells, SpellCount * 2);
            }

            // Insertion sort by start, then id: there are few spells per participant.
            var i = SpellCount++;
            var spell = new Spell(start, end, v);
            while (i > 0 && Compare(_spells[i - 1], spell) > 0)
            {
                _spells[i] = _spells[i - 1];
                i--;
            }

            _spells[i] = spell;
        }

        for (var i = 0; i < SpellCount; i++)
        {
            var (start, end) = (_spells[i].Start, _spells[i].End);
            if (IntervalCount > 0 && start <= _intervalEnds[IntervalCount - 1] + 1)
            {
                _intervalEnds[IntervalCount - 1] = Math.Max(_intervalEnds[IntervalCount - 1], end);
                continue;
            }

            if (IntervalCount == _intervalStarts.Length)
            {
                Array.Resize(ref _intervalStarts, IntervalCount * 2);
                Array.Resize(ref _intervalEnds, IntervalCount * 2);
            }

            _intervalStarts[IntervalCount] = start;
            _intervalEnds[IntervalCount] = end;
            IntervalCount++;
        }
    }

    /// <summary>Gets the first day on which the days counted reach <paramref name="days"/>, or -1.</summary>
    public int FirstDayReaching(long days, bool continuous)
    {
        days = Math.Max(days, 1);
        long total = 0;
        for (var i = 0; i < IntervalCount; i++)
        {
            long length = _intervalEnds[i] - _intervalStarts[i] + 1;
            if (continuous)
            {
                if (length >= days)
                {
                    return checked(_intervalStarts[i] + (int)(days - 1));
                }
            }
            else
            {
                if (total + length >= days)
                {
                    return checked(_intervalStarts[i] + (int)(days - total - 1));
                }

                total += length;
            }
        }

        return -1;
    }

    /// <summary>
    /// Finds blocks of <paramref name="blockDays"/> consecutive days counted from <paramref name="from"/>,
    /// due no later than <paramref name="asOf"/>: a day without a spell loses the block, and the next
    /// block starts the day after an instalment is due. At most <paramref name="max"/> blocks; each
    /// is added to <paramref name="into"/> with its first day and its due day.
    /// </summary>
    public void Blocks(int from, long blockDays, long max, int asOf, List<(int Start, int Due)> into)
    {
        if (blockDays < 1 || max < 1)
        {
            return;
        }

        long count = 0;
        for (var i = 0; i < IntervalCount && count < max; i++)
        {
            var end = _intervalEnds[i];
            if (end < from)
            {
                continue;
            }

            long s = Math.Max(_intervalStarts[i], from);
            while (count < max && end - s + 1 >= blockDays)
            {
                var due = checked((int)(s + blockDays - 1));
                if (due > asOf)
                {
                    return;
                }

                into.Add(((int)s, due));
                count++;
                s = due + 1L;
            }
        }
    }

    private static int Compare(Spell a, Spell b)
    {
        var c = a.Start.CompareTo(b.Start);
        return c != 0 ? c : a.Version.Id.CompareTo(b.Version.Id);
    }

    /// <summary>One spell as clipped, with the version it came from.</summary>
    internal readonly record struct Spell(int Start, int End, EvidenceVersion Version);

    private static class DateTable
    {
        public static readonly int FirstDay = new DateOnly(1970, 1, 1).DayNumber;

        public static readonly LocalDate[] Dates = Build();

        private static LocalDate[] Build()
        {
            var dates = new LocalDate[new DateOnly(2101, 1, 1).DayNumber - FirstDay];
            for (var i = 0; i < dates.Length; i++)
            {
                dates[i] = LocalDate.FromDateOnly(DateOnly.FromDayNumber(FirstDay + i));
            }

            return dates;
        }
    }
}
