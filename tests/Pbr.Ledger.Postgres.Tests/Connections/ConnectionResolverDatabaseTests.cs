using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Connections;

/// <summary>The resolver against the kit's running embedded cluster.</summary>
public sealed class ConnectionResolverDatabaseTests
{
    [Test]
    public async Task ResolveAsync_EmbeddedClusterRunning_CreatesTheMissingDatabaseOnce()
    {
        var server = await PostgresTestCluster.ServerAsync();
        if (PostgresTestCluster.Cluster is not { } cluster)
        {
            Assert.Ignore("needs the embedded test cluster (PBR_DATABASE_URL is set)");
            return;
        }

        var name = "r_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        var environment = PbrEnvironment.FromProcess() with { PbrHome = cluster.Layout.Home, DatabaseUrl = null };
        var resolver = new ConnectionResolver(environment);
        var options = new ConnectionOptions { DatabaseName = name, Durable = false };
        try
        {
            var first = await resolver.ResolveAsync(options);
            var second = await resolver.ResolveAsync(options);

            Assert.That(first.Success, Is.True, first.Error);
            Assert.That(second.Success, Is.True, second.Error);
            Assert.That(first.Value.Settings.Database, Is.EqualTo(name));
            await using var connection = new NpgsqlConnection(first.Value.ConnectionString);
            await connection.OpenAsync();
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT current_database()"), Is.EqualTo(name));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DatabaseAdmin.DropDatabaseAsync(server, name);
        }
    }

    [Test]
    public async Task ResolveAsync_DatabaseNameNotPlain_FailsWithoutTouchingTheServer()
    {
        var environment = new PbrEnvironment("/nonexistent/pbr", null, "/nonexistent", null, string.Empty, IsRoot: false);

        var resolved = await new ConnectionResolver(environment).ResolveAsync(new ConnectionOptions { DatabaseName = "pbr; DROP DATABASE x", BinarySearchFolders = PostgresBinariesFolder() });

        Assert.That(resolved.Success, Is.False);
        Assert.That(resolved.Error, Does.Contain("not a plain database name"));
        Assert.That(Directory.Exists("/nonexistent/pbr"), Is.False);
    }

    private static string[] PostgresBinariesFolder()
    {
        var found = Pbr.Ledger.Postgres.Embedded.PostgresBinaries.Find(PbrEnvironment.FromProcess().BinarySearchFolders());
        if (!found.Success)
        {
            PostgresTestCluster.RequirePrerequisite(found.Error!);
        }

        return [found.Value.Directory];
    }
}
