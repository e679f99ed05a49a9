using NodaTime;
using Pbr.Dsl.Compilation;

namespace Pbr.Dsl.Tests;

/// <summary>Day numbers become dates through a table for 1970 to 2100 and by calculation outside it.</summary>
public sealed class SpellTimelineDateTests
{
    [TestCase(1969, 12, 31)]
    [TestCase(1970, 1, 1)]
    [TestCase(2012, 2, 29)]
    [TestCase(2018, 3, 31)]
    [TestCase(2100, 12, 31)]
    [TestCase(2101, 1, 1)]
    [TestCase(1, 1, 1)]
    [TestCase(9999, 12, 31)]
    public void Date_OfTheDayNumber_IsThatDate(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);
        Assert.That(SpellTimeline.Date(SpellTimeline.Day(date)), Is.EqualTo(date));
    }

    [Test]
    public void Date_EveryDayOfTheTableAndAround_FollowsTheCalendar()
    {
        // Each day after the one before: a table off by one anywhere would break the chain.
        var expected = new LocalDate(1969, 1, 1);
        for (var day = SpellTimeline.Day(expected); expected.Year < 2102; day++, expected = expected.PlusDays(1))
        {
            Assert.That(SpellTimeline.Date(day), Is.EqualTo(expected));
        }
    }
}
