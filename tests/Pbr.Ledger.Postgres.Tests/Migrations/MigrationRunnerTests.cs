using System.Collections.Immutable;
using Dapper;
using Npgsql;
using Pbr.Ledger.Postgres.Migrations;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>The runner against a real server, fed explicit texts; each test gets a fresh, unmigrated database.</summary>
public sealed class MigrationRunnerTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [Test]
    public async Task MigrateAsync_EmbeddedMigrations_AppliesEveryFileInNumericOrder()
    {
        var embedded = MigrationSet.Embedded().Value;

        var report = await new MigrationRunner(_database.DataSource).MigrateAsync();

        Assert.That(report.Success, Is.True, report.Error);
        Assert.That(report.Value.Applied.Select(m => m.Name), Is.EqualTo(embedded.Select(m => m.Name)));
        Assert.That(embedded[0].Name, Is.EqualTo("0001_roles.sql"));
        var history = await History();
        Assert.That(history.Select(h => h.Version), Is.EqualTo(embedded.Select(m => m.Version)).And.Ordered);
        Assert.That(history.Select(h => h.Sha256), Is.EqualTo(embedded.Select(m => m.Sha256)));
    }

    [Test]
    public async Task MigrateAsync_RunTwice_SecondRunAppliesNothing()
    {
        var runner = new MigrationRunner(_database.DataSource);
        var migrations = Set(("0001_a.sql", "CREATE TABLE a (x integer);"), ("0002_b.sql", "INSERT INTO a VALUES (1);"));

        var first = await runner.MigrateAsync(migrations);
        var second = await runner.MigrateAsync(migrations);

        Assert.That(first.Value.Applied, Has.Length.EqualTo(2));
        Assert.That(second.Success, Is.True, second.Error);
        Assert.That(second.Value.Applied, Is.Empty);
        Assert.That(second.Value.AlreadyApplied.Select(m => m.Name), Is.EqualTo(new[] { "0001_a.sql", "0002_b.sql" }));
        // 0002 inserted one row; had it run twice there would be two.
        Assert.That(await Scalar<long>("SELECT count(*) FROM a"), Is.EqualTo(1));
    }

    [Test]
    public async Task MigrateAsync_ListOutOfOrder_AppliesByNumber()
    {
        // 0002 needs the table 0001 creates, so only numeric order can succeed.
        var migrations = Set(("0002_b.sql", "INSERT INTO a VALUES (2);"), ("0001_a.sql", "CREATE TABLE a (x integer);"));

        var report = await new MigrationRunner(_database.DataSource).MigrateAsync(migrations);

        Assert.That(report.Success, Is.True, report.Error);
        Assert.That(report.Value.Applied.Select(m => m.Version), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task MigrateAsync_AppliedMigrationChanged_FailsNamingTheFile()
    {
        var runner = new MigrationRunner(_database.DataSource);
        await runner.MigrateAsync(Set(("0001_a.sql", "CREATE TABLE a (x integer);")));

        var changed = await runner.MigrateAsync(Set(
            ("0001_a.sql", "CREATE TABLE a (x bigint);"),
            ("0002_b.sql", "CREATE TABLE b (y integer);")));

        Assert.That(changed.Success, Is.False);
        Assert.That(changed.Error, Does.Contain("0001_a.sql").And.Contain("changed"));
        // Nothing after the mismatch runs.
        Assert.That(await Scalar<bool>("SELECT to_regclass('b') IS NOT NULL"), Is.False);
    }

    [Test]
    public async Task MigrateAsync_DatabaseHasUnknownMigration_FailsNamingIt()
    {
        var runner = new MigrationRunner(_database.DataSource);
        await runner.MigrateAsync(Set(("0001_a.sql", "SELECT 1;"), ("0002_b.sql", "SELECT 2;")));

        var older = await runner.MigrateAsync(Set(("0001_a.sql", "SELECT 1;")));

        Assert.That(older.Success, Is.False);
        Assert.That(older.Error, Does.Contain("0002_b.sql"));
    }

    [Test]
    public async Task MigrateAsync_FailingMigration_RollsItBackAndKeepsEarlierOnes()
    {
        var report = await new MigrationRunner(_database.DataSource).MigrateAsync(Set(
            ("0001_a.sql", "CREATE TABLE a (x integer);"),
            ("0002_b.sql", "CREATE TABLE b (y integer); SELECT 1 / 0;")));

        Assert.That(report.Success, Is.False);
        Assert.That(report.Error, Does.Contain("0002_b.sql").And.Contain("22012"));
        Assert.That(await Scalar<bool>("SELECT to_regclass('a') IS NOT NULL"), Is.True);
        Assert.That(await Scalar<bool>("SELECT to_regclass('b') IS NOT NULL"), Is.False, "the failed migration's own transaction must roll back");
        Assert.That((await History()).Select(h => h.Version), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task MigrateAsync_TwoProcessesAtOnce_EachMigrationAppliedOnce()
    {
        var migrations = Set(
            ("0001_a.sql", "CREATE TABLE a (x integer);"),
            ("0002_b.sql", "INSERT INTO a VALUES (1); SELECT pg_sleep(0.2);"),
            ("0003_c.sql", "INSERT INTO a VALUES (2);"));
        await using var other = PbrDataSourceFor(_database);

        var results = await Task.WhenAll(
            new MigrationRunner(_database.DataSource).MigrateAsync(migrations),
            new MigrationRunner(other).MigrateAsync(migrations));

        Assert.That(results.Select(r => r.Error), Is.All.Null);
        Assert.That(results.Sum(r => r.Value.Applied.Length), Is.EqualTo(3), "three migrations, each applied by exactly one runner");
        Assert.That(await Scalar<long>("SELECT count(*) FROM a"), Is.EqualTo(2));
    }

    private static NpgsqlDataSource PbrDataSourceFor(TestDatabase database) =>
        Pbr.Ledger.Postgres.Connections.PbrDataSource.Create(database.ConnectionString);

    private static ImmutableArray<Migration> Set(params (string Name, string Text)[] files)
    {
        var set = MigrationSet.FromTexts(files);
        Assert.That(set.Success, Is.True, set.Error);
        return set.Value;
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = await _database.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("no value");
    }

    private async Task<List<(int Version, string Sha256)>> History()
    {
        await using var connection = await _database.OpenAsync();
        var rows = await connection.QueryAsync<(int, string)>("SELECT version, sha256 FROM pbr_schema_migrations ORDER BY version");
        return [.. rows];
    }
}
