using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>The roles 0001_roles.sql creates, on a database migrated by the test kit.</summary>
public sealed class RolesMigrationTests : DatabaseFixture
{
    [TestCase("pbr_owner", false)]
    [TestCase("pbr_app", true)]
    [TestCase("pbr_auditor", true)]
    public async Task Roles_AfterMigration_ExistWithTheirLoginRight(string role, bool canLogin)
    {
        await using var connection = await Database.OpenAsync();

        var login = await connection.QuerySingleOrDefaultAsync<bool?>("SELECT rolcanlogin FROM pg_roles WHERE rolname = @role", new { role });

        Assert.That(login, Is.EqualTo(canLogin));
    }

    [Test]
    public async Task Roles_SecondDatabaseOnSameCluster_MigratesAgainWithoutError()
    {
        // The roles already exist cluster-wide from this fixture's database; 0001 must tolerate that.
        await using var second = await TestDatabase.CreateAsync();

        await using var connection = await second.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pbr_schema_migrations WHERE version = 1"), Is.EqualTo(1));
    }

    [TestCase("pbr_app")]
    [TestCase("pbr_auditor")]
    public async Task CreateTable_AsAppOrAuditor_IsRefused(string role)
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync($"SET ROLE {role}");

        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("CREATE TABLE intruder (x integer)"));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task Connect_AsAuditorDirectly_IsTrustedOnTheLocalSocket()
    {
        if (PostgresTestCluster.Cluster is null)
        {
            Assert.Ignore("only the embedded cluster trusts every role on its socket");
        }

        await using var connection = new NpgsqlConnection(Database.AsRole("pbr_auditor").ConnectionString);
        await connection.OpenAsync();

        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT current_user"), Is.EqualTo("pbr_auditor"));
    }

    [Test]
    public async Task DefaultPrivileges_TableCreatedByOwner_AuditorCanSelectButNotInsert()
    {
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync("SET ROLE pbr_owner; CREATE TABLE audited (x integer); RESET ROLE;");
        await connection.ExecuteAsync("SET ROLE pbr_auditor");

        var rows = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audited");
        var error = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO audited VALUES (1)"));

        Assert.That(rows, Is.Zero);
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }
}
