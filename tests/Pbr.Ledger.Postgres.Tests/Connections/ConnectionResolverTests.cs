using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Tests.Connections;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConnectionResolverTests
{
    [Test]
    public void Describe_DatabaseUrlSet_UsesItAndNoEmbeddedCluster()
    {
        var resolver = new ConnectionResolver(Environment("/srv/pbr", "postgresql://alice@db.example.com/ledger"));

        var resolved = resolver.Describe();

        Assert.That(resolved.Success, Is.True, resolved.Error);
        Assert.That(resolved.Value.IsEmbedded, Is.False);
        Assert.That((resolved.Value.Settings.Host, resolved.Value.Settings.Database), Is.EqualTo(("db.example.com", "ledger")));
    }

    [Test]
    public void Describe_DatabaseUrlWithoutDatabase_UsesTheDefaultName()
    {
        var resolved = new ConnectionResolver(Environment(null, "Host=db.example.com;Username=alice")).Describe();

        Assert.That(resolved.Value.Settings.Database, Is.EqualTo("pbr"));
    }

    [Test]
    public void Describe_BadDatabaseUrl_FailsNamingTheVariable()
    {
        var resolved = new ConnectionResolver(Environment(null, "postgresql://h:0/x")).Describe();

        Assert.That(resolved.Success, Is.False);
        Assert.That(resolved.Error, Does.StartWith("PBR_DATABASE_URL:"));
    }

    [Test]
    public void Describe_NoDatabaseUrl_EmbeddedClusterInPbrHome()
    {
        var binaries = Directory.CreateTempSubdirectory("pbr-bin-").FullName;
        try
        {
            foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            {
                File.WriteAllText(Path.Combine(binaries, program), "#!/bin/sh\n");
                File.SetUnixFileMode(Path.Combine(binaries, program), UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }

            var resolved = new ConnectionResolver(Environment("/srv/pbr", null)).Describe(new ConnectionOptions { BinarySearchFolders = [binaries] });

            Assert.That(resolved.Success, Is.True, resolved.Error);
            Assert.That(resolved.Value.IsEmbedded, Is.True);
            Assert.That(resolved.Value.Url, Is.EqualTo("postgresql://pbr@/pbr?host=/srv/pbr/run&port=5432"));
        }
        finally
        {
            Directory.Delete(binaries, recursive: true);
        }
    }

    private static PbrEnvironment Environment(string? home, string? url) => new(home, url, "/home/ann", null, string.Empty, IsRoot: false);
}
