using Dapper;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Db;

/// <summary><c>pbr db</c> against a server named by PBR_DATABASE_URL (a fresh test database).</summary>
public sealed class DbCommandTests
{
    [Test]
    public async Task Migrate_FreshDatabase_AppliesRolesThenNothing()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var first = await PbrCli.RunAsync(database, "db", "migrate");
        var second = await PbrCli.RunAsync(database, "db", "migrate");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.StandardOutput, Does.Contain("applied 0001_roles.sql"));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.StandardOutput, Does.Contain("nothing applied"));
        await using var connection = await database.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pbr_schema_migrations WHERE name = '0001_roles.sql'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Migrate_AppliedMigrationNoLongerMatches_ExitsOneNamingTheFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            // As if 0001_roles.sql had been edited after it was applied.
            await connection.ExecuteAsync("UPDATE pbr_schema_migrations SET sha256 = repeat('0', 64) WHERE version = 1");
        }

        var result = await PbrCli.RunAsync(database, "db", "migrate");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain("0001_roles.sql").And.Contain("changed"));
    }

    [Test]
    public async Task Status_DatabaseUrlSet_ReportsReachable()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var result = await PbrCli.RunAsync(database, "db", "status");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("PBR_DATABASE_URL").And.Contain("reachable"));
    }

    [TestCase("start")]
    [TestCase("stop")]
    public async Task StartOrStop_DatabaseUrlSet_ExitsTwoExplaining(string verb)
    {
        var result = await PbrCli.RunAsync(Url("Host=/nowhere;Database=pbr;Username=pbr"), "db", verb);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("PBR_DATABASE_URL is set"));
    }

    [Test]
    public async Task Url_KeywordConnectionString_PrintsTheLibpqUrl()
    {
        var result = await PbrCli.RunAsync(Url("Host=/tmp/pg sock;Port=5433;Username=alice;Database=ledger"), "db", "url");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput.Trim(), Is.EqualTo("postgresql://alice@/ledger?host=/tmp/pg%20sock&port=5433"));
    }

    [Test]
    public async Task Url_UnreadableDatabaseUrl_ExitsTwoSayingWhy()
    {
        var result = await PbrCli.RunAsync(Url("postgresql://alice@db:70000/pbr"), "db", "url");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("PBR_DATABASE_URL").And.Contain("70000"));
    }

    [Test]
    public async Task Url_DatabaseOption_NamesThatDatabase()
    {
        var result = await PbrCli.RunAsync(Url("Host=/tmp/pg;Username=alice"), "db", "url", "--database", "reports");

        Assert.That(result.StandardOutput.Trim(), Is.EqualTo("postgresql://alice@/reports?host=/tmp/pg&port=5432"));
    }

    [Test]
    public async Task Start_NoServerPrograms_ExitsOneNamingTheAptPackage()
    {
        var empty = Directory.CreateTempSubdirectory("pbr-nobin-").FullName;
        var home = Directory.CreateTempSubdirectory("pbr-nohome-").FullName;
        try
        {
            var result = await PbrCli.RunAsync(
                new Dictionary<string, string?> { ["PBR_PG_BIN"] = empty, ["PBR_HOME"] = home, ["PBR_DATABASE_URL"] = null },
                "db",
                "start");

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("apt-get install postgresql"));
            Assert.That(Directory.EnumerateFileSystemEntries(home), Is.Empty, "nothing is created without a server to run");
        }
        finally
        {
            Directory.Delete(empty);
            Directory.Delete(home, recursive: true);
        }
    }

    [Test]
    public async Task Help_Db_ListsEverySubcommand()
    {
        var result = await PbrCli.RunAsync(new Dictionary<string, string?>(), "db", "--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("start").And.Contain("stop").And.Contain("status").And.Contain("url").And.Contain("migrate"));
    }

    [Test]
    public async Task UnknownSubcommand_ExitsTwo()
    {
        var result = await PbrCli.RunAsync(new Dictionary<string, string?>(), "db", "explode");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    private static Dictionary<string, string?> Url(string url) => new() { ["PBR_DATABASE_URL"] = url };
}
