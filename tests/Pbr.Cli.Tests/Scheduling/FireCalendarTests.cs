using NodaTime;
using NodaTime.Testing;
using Pbr.Cli.Scheduling;

namespace Pbr.Cli.Tests.Scheduling;

/// <summary>Fire times and their as-of dates, computed from an injected instant, never the system clock.</summary>
public sealed class FireCalendarTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 1, 0, 0));

    [Test]
    public void Next_MonthOfDailyFiresPreviousDay_AsOfIsTheDayBeforeEachFire()
    {
        // 06:00 London every day of March 2026. GMT (UTC+0) until Sunday 29 March 01:00 UTC, then BST (UTC+1):
        // 1..28 March fire at 06:00Z, 29..31 March at 05:00Z. As of the day before: 1 March -> 28 February.
        var schedule = Schedules.One("0 0 6 * * ?", "previous-day");

        var fires = FireCalendar.Next(schedule, Clock.GetCurrentInstant(), 31);

        var expected = Enumerable.Range(1, 31).Select(day => (
            Instant.FromUtc(2026, 3, day, day <= 28 ? 6 : 5, 0),
            day == 1 ? new LocalDate(2026, 2, 28) : new LocalDate(2026, 3, day - 1),
            new LocalDate(2026, 3, day)));
        Assert.That(fires.Select(f => (f.FireTime, f.AsOf, f.KnownAt)), Is.EqualTo(expected));
    }

    [Test]
    public void Next_MonthOfDailyFiresEndOfPreviousMonth_EveryFireSettlesAsOfTheEndOfFebruary()
    {
        // Known at the as-of date too: evidence recorded by 28 February 2026 (2026 is not a leap year).
        var schedule = Schedules.One("0 30 1 * * ?", "end-of-previous-month", knownAt: "as-of");

        var fires = FireCalendar.Next(schedule, Clock.GetCurrentInstant(), 31);

        Assert.That(fires.Select(f => f.FireTime.InZone(schedule.Zone).Date), Is.EqualTo(Enumerable.Range(1, 31).Select(d => new LocalDate(2026, 3, d))));
        Assert.That(fires.Select(f => (f.AsOf, f.KnownAt)).Distinct(), Is.EqualTo(new[] { (new LocalDate(2026, 2, 28), new LocalDate(2026, 2, 28)) }));
    }

    [Test]
    public void Next_MonthlyOnTheFifthAt0200_FiresInLocalTimeAcrossTheClockChange()
    {
        // 02:00 London on the 5th: January to March are GMT (02:00Z), April and May BST (01:00Z).
        // As of the end of the previous month: 2025-12-31, 2026-01-31, 2026-02-28, 2026-03-31, 2026-04-30.
        var schedule = Schedules.One("0 0 2 5 * ?", "end-of-previous-month");

        var fires = FireCalendar.Next(schedule, Instant.FromUtc(2026, 1, 1, 0, 0), 5);

        Assert.That(fires.Select(f => (f.FireTime, f.AsOf)), Is.EqualTo(new[]
        {
            (Instant.FromUtc(2026, 1, 5, 2, 0), new LocalDate(2025, 12, 31)),
            (Instant.FromUtc(2026, 2, 5, 2, 0), new LocalDate(2026, 1, 31)),
            (Instant.FromUtc(2026, 3, 5, 2, 0), new LocalDate(2026, 2, 28)),
            (Instant.FromUtc(2026, 4, 5, 1, 0), new LocalDate(2026, 3, 31)),
            (Instant.FromUtc(2026, 5, 5, 1, 0), new LocalDate(2026, 4, 30)),
        }));
    }

    [Test]
    public void Next_OtherTimeZone_CronReadInThatZone()
    {
        // 09:00 in New York on 10 January 2026 is EST (UTC-5): 14:00Z. The fire date there is the 10th.
        var schedule = Schedules.One("0 0 9 10 1 ?", "fire-date", zone: "America/New_York");

        var fire = FireCalendar.Next(schedule, Instant.FromUtc(2026, 1, 1, 0, 0), 1).Single();

        Assert.That((fire.FireTime, fire.AsOf), Is.EqualTo((Instant.FromUtc(2026, 1, 10, 14, 0), new LocalDate(2026, 1, 10))));
    }

    [TestCase(2026, 5, 5, 2026, 3, 31)]
    [TestCase(2026, 1, 5, 2025, 12, 31)]
    [TestCase(2026, 12, 31, 2026, 9, 30)]
    [TestCase(2026, 7, 1, 2026, 6, 30)]
    public void Apply_EndOfPreviousQuarter_LastDayOfTheQuarterBefore(int y, int m, int d, int ey, int em, int ed) =>
        Assert.That(AsOfRules.Apply(AsOfRule.EndOfPreviousQuarter, new LocalDate(y, m, d)), Is.EqualTo(new LocalDate(ey, em, ed)));

    [Test]
    public void Apply_EndOfPreviousMonthInALeapYear_TwentyNinthOfFebruary() =>
        Assert.That(AsOfRules.Apply(AsOfRule.EndOfPreviousMonth, new LocalDate(2028, 3, 5)), Is.EqualTo(new LocalDate(2028, 2, 29)));

    [Test]
    public void Missed_FourDaysDown_LatestMissedFireOnceAndTheCount()
    {
        // Daily at 02:00 London (GMT in January, so 02:00Z). Last fire 3 January; back up 7 January 10:00Z:
        // missed 4, 5, 6 and 7 January; catch up once, as the fire of 7 January.
        var schedule = Schedules.One("0 0 2 * * ?", "previous-day");

        var (latest, count) = FireCalendar.Missed(schedule, Instant.FromUtc(2026, 1, 3, 2, 0), Instant.FromUtc(2026, 1, 7, 10, 0));

        Assert.That((latest, count), Is.EqualTo(((Instant?)Instant.FromUtc(2026, 1, 7, 2, 0), 4)));
    }

    [Test]
    public void Missed_EverySecondDownForAYear_LatestIsTheLastSecondAndTheCountStopsAtItsBound()
    {
        // Every second; last fired 2025-01-01T00:00:00Z, back at 2026-01-01T00:00:00.5Z: the latest missed fire is
        // 2026-01-01T00:00:00Z; 31,536,000 fires were missed, counted up to the bound of 100,000.
        var schedule = Schedules.One("* * * * * ?", "fire-date");

        var (latest, count) = FireCalendar.Missed(schedule, Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMilliseconds(500));

        Assert.That((latest, count), Is.EqualTo(((Instant?)Instant.FromUtc(2026, 1, 1, 0, 0), 100_000)));
    }

    [Test]
    public void Missed_MonthlyDownForTwoYears_LatestMonthAndAllTwentyFourCounted()
    {
        // 02:00 London on the 5th; last fired 5 January 2024 (GMT, 02:00Z); back 10 January 2026: missed
        // February 2024 to January 2026 = 24 fires, the latest 5 January 2026 02:00Z.
        var schedule = Schedules.One("0 0 2 5 * ?", "end-of-previous-month");

        var (latest, count) = FireCalendar.Missed(schedule, Instant.FromUtc(2024, 1, 5, 2, 0), Instant.FromUtc(2026, 1, 10, 0, 0));

        Assert.That((latest, count), Is.EqualTo(((Instant?)Instant.FromUtc(2026, 1, 5, 2, 0), 24)));
    }

    [Test]
    public void Missed_BackBeforeTheNextFire_Nothing()
    {
        var schedule = Schedules.One("0 0 2 * * ?", "previous-day");

        var (latest, count) = FireCalendar.Missed(schedule, Instant.FromUtc(2026, 1, 3, 2, 0), Instant.FromUtc(2026, 1, 4, 1, 59));

        Assert.That((latest, count), Is.EqualTo(((Instant?)null, 0)));
    }

    [Test]
    public void StartCatchUp_DownOverThreeFires_TheLatestMissedFire()
    {
        // Monthly on the 5th at 02:00: last ran 5 January; up again 20 April (BST) after missing February, March and April.
        var schedule = Schedules.One("0 0 2 5 * ?", "end-of-previous-month");

        var fire = SchedulerHost.StartCatchUp(schedule, Instant.FromUtc(2026, 1, 5, 2, 0), Instant.FromUtc(2026, 4, 20, 0, 0));

        Assert.That(fire, Is.EqualTo(Instant.FromUtc(2026, 4, 5, 1, 0)));
    }

    [Test]
    public void StartCatchUp_NothingMissed_TheLastFireAgainToFinishWhatItLeft()
    {
        var schedule = Schedules.One("0 0 2 5 * ?", "end-of-previous-month");
        var last = Instant.FromUtc(2026, 1, 5, 2, 0);

        Assert.That(SchedulerHost.StartCatchUp(schedule, last, Instant.FromUtc(2026, 1, 20, 0, 0)), Is.EqualTo(last));
        Assert.That(SchedulerHost.StartCatchUp(schedule, null, Instant.FromUtc(2026, 1, 20, 0, 0)), Is.Null, "no history: nothing to catch up");
    }
}
