using Dapper;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Pbr.Cli.Configuration;
using Pbr.Cli.Scheduling;
using Pbr.Cli.Settlement;
using Pbr.Dsl;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Tariffs;
using Pbr.Cli.Tests.Settlement;

namespace Pbr.Cli.Tests.Scheduling;

/// <summary>The Quartz scheduler against a real PostgreSQL holding the Work Programme sample.</summary>
public sealed class SchedulerHostTests : SampleLedgerFixture
{
    private NpgsqlDataSource? _app;

    private NpgsqlDataSource App => _app!;

    [OneTimeSetUp]
    public void CreateAppDataSource() => _app = PbrDataSource.Create(Database.AsRole("pbr_app").ConnectionString);

    [OneTimeTearDown]
    public async Task DisposeAppDataSourceAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task RunAsync_StartedAfterFourDaysDown_CatchesUpOnceAsTheLatestMissedFire()
    {
        // Daily at 02:00 London (BST in July: 01:00Z), as of the end of the previous month (2012-06-30).
        // It last fired on 3 July; it is started again on 7 July at 10:00Z, having missed 4, 5, 6 and 7 July.
        var settings = Schedules.Settings(
            ("Schedules:daily:Cron", "0 0 2 * * ?"),
            ("Schedules:daily:Contracts:0", "WP-CPA1-ALPHA"),
            ("Schedules:daily:AsOf", "end-of-previous-month"),
            ("Retry:Attempts", "0"));
        var july3 = Instant.FromUtc(2012, 7, 3, 1, 0);
        var july7 = Instant.FromUtc(2012, 7, 7, 1, 0);
        await Host(settings, new FakeClock(july3), "before-downtime").FireAsync("daily", july3, CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var running = Host(settings, new FakeClock(Instant.FromUtc(2012, 7, 7, 10, 0)), "after-downtime").RunAsync(stop.Token);
        await WaitForAsync(() => FiresAsync("daily", finished: true), fires => fires.Contains(july7));
        await stop.CancelAsync();
        await running;

        Assert.That(await FiresAsync("daily"), Is.EqualTo(new[] { july7, july3 }), "one catch-up, not one per missed day");
        await using var connection = await Database.OpenAsync();
        var outcomes = (await connection.QueryAsync<(string, string)>(
            "SELECT o.outcome, c.as_of::text FROM schedule_claims c JOIN schedule_outcomes o USING (claim_id) WHERE c.schedule = 'daily' ORDER BY c.fire_time")).ToList();
        // Both as of 2012-06-30; the catch-up is known at 7 July, so it also posts evidence WPE000021
        // (A000003's spell ending 2012-05-17), which samples/work-programme/evidence.csv records on 2012-07-04.
        Assert.That(outcomes, Is.EqualTo(new[] { ("posted", "2012-06-30"), ("posted", "2012-06-30") }));
    }

    [Test]
    public async Task RunAsync_TwoSchedulersEverySecond_EachFireSettledOnceAndOneRunPosted()
    {
        var settings = Schedules.Settings(
            ("Schedules:every_second:Cron", "* * * * * ?"),
            ("Schedules:every_second:Contracts:0", "WP-CPA2-BETA"),
            ("Schedules:every_second:AsOf", "end-of-previous-month"),
            ("Retry:DelaySeconds", "0"),
            ("Health:IntervalSeconds", "1"));
        using var stop = new CancellationTokenSource();
        var health = TempFile("health.json");
        var first = Host(settings, SystemClock.Instance, "host-a", health).RunAsync(stop.Token);
        var second = Host(settings, SystemClock.Instance, "host-b").RunAsync(stop.Token);
        await WaitForAsync(() => FiresAsync("every_second", finished: true), fires => fires.Count >= 3);
        await stop.CancelAsync();
        await Task.WhenAll(first, second);

        await using var connection = await Database.OpenAsync();
        var perFire = (await connection.QueryAsync<long>(
            """
            SELECT count(*) FROM schedule_claims c JOIN schedule_outcomes o USING (claim_id)
            WHERE c.schedule = 'every_second' AND o.outcome <> 'cancelled' GROUP BY c.fire_time, c.contract_id
            """)).ToList();
        Assert.That(perFire, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(perFire, Is.All.EqualTo(1L), "no fire settled twice");
        Assert.That(await ScalarAsync("SELECT count(*) FROM schedule_claims c WHERE schedule = 'every_second' AND NOT EXISTS (SELECT 1 FROM schedule_outcomes o WHERE o.claim_id = c.claim_id)"), Is.Zero, "every claim ended with an outcome");
        Assert.That(await ScalarAsync("SELECT count(*) FROM runs WHERE contract_id = 'WP-CPA2-BETA'"), Is.EqualTo(1), "the first fire posted, later ones had nothing new");
        var status = await File.ReadAllTextAsync(health);
        Assert.That(status, Does.Contain("\"state\": \"stopped\""));
        Assert.That(status, Does.Contain("\"schedule\": \"every_second\""));
    }

    private SchedulerHost Host(PbrSettings settings, IClock clock, string name, string? healthFile = null) =>
        new(settings, App, CatalogAsync, clock, healthFile, name);

    private async Task<ITariffCatalog?> CatalogAsync(CancellationToken cancellationToken)
    {
        var sources = await new TariffStore(App).LoadCurrentAsync(cancellationToken);
        var compilation = TariffCompiler.Compile(sources);
        Assert.That(compilation.HasErrors, Is.False);
        return LedgerSession.Catalog(compilation);
    }

    /// <summary>The fire times claimed for <paramref name="schedule"/>, newest first; with <paramref name="finished"/>, only those that ended other than cancelled.</summary>
    private async Task<List<Instant>> FiresAsync(string schedule, bool finished = false)
    {
        await using var connection = await App.OpenConnectionAsync();
        var sql = "SELECT DISTINCT c.fire_time FROM schedule_claims c LEFT JOIN schedule_outcomes o USING (claim_id) WHERE c.schedule = @s"
            + (finished ? " AND o.outcome IS NOT NULL AND o.outcome <> 'cancelled'" : string.Empty) + " ORDER BY c.fire_time DESC";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", schedule);
        await using var reader = await command.ExecuteReaderAsync();
        var fires = new List<Instant>();
        while (await reader.ReadAsync())
        {
            fires.Add(reader.GetFieldValue<Instant>(0));
        }

        return fires;
    }

    private static async Task WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!done(await read()))
        {
            await Task.Delay(200, timeout.Token);
        }
    }
}
