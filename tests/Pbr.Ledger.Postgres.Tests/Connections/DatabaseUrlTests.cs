using Npgsql;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Tests.Connections;

public sealed class DatabaseUrlTests
{
    [Test]
    public void Parse_LibpqUrlWithSocketFolder_ReadsEveryPart()
    {
        var parsed = DatabaseUrl.Parse("postgresql://pbr@/ledger?host=/home/ann/.local/share/pbr/run&port=5433");

        Assert.That(parsed.Success, Is.True, parsed.Error);
        Assert.That(
            (parsed.Value.Host, parsed.Value.Port, parsed.Value.Username, parsed.Value.Database),
            Is.EqualTo(("/home/ann/.local/share/pbr/run", 5433, "pbr", "ledger")));
    }

    [Test]
    public void Parse_LibpqUrlWithPasswordAndTcpHost_DecodesPercentEscapes()
    {
        var parsed = DatabaseUrl.Parse("postgres://alice:s%40cr%3Aet@db.example.com:6543/pbr%5Fprod?sslmode=verify-full&application_name=nightly");

        Assert.That(parsed.Success, Is.True, parsed.Error);
        var b = parsed.Value;
        Assert.That((b.Host, b.Port, b.Username, b.Password, b.Database), Is.EqualTo(("db.example.com", 6543, "alice", "s@cr:et", "pbr_prod")));
        Assert.That(b.SslMode, Is.EqualTo(SslMode.VerifyFull));
        Assert.That(b.ApplicationName, Is.EqualTo("nightly"));
    }

    [Test]
    public void Parse_HostOnly_PortDefaultsAndDatabaseUnset()
    {
        var parsed = DatabaseUrl.Parse("postgresql://localhost");

        Assert.That((parsed.Value.Host, parsed.Value.Port, parsed.Value.Database), Is.EqualTo(("localhost", 5432, (string?)null)));
    }

    [Test]
    public void Parse_BracketedIpv6Host_ReadsHostAndPort()
    {
        var parsed = DatabaseUrl.Parse("postgresql://[::1]:5433/pbr");

        Assert.That((parsed.Value.Host, parsed.Value.Port), Is.EqualTo(("::1", 5433)));
    }

    [Test]
    public void Parse_NoHostAtAll_UsesLibpqDefaultSocketFolder()
    {
        var parsed = DatabaseUrl.Parse("postgresql:///pbr");

        Assert.That((parsed.Value.Host, parsed.Value.Database), Is.EqualTo(("/var/run/postgresql", "pbr")));
    }

    [Test]
    public void Parse_NpgsqlKeywords_ReadsThem()
    {
        var parsed = DatabaseUrl.Parse("Host=/tmp/pg;Port=5444;Database=pbr;Username=pbr_app");

        Assert.That(parsed.Success, Is.True, parsed.Error);
        Assert.That((parsed.Value.Host, parsed.Value.Port, parsed.Value.Database, parsed.Value.Username), Is.EqualTo(("/tmp/pg", 5444, "pbr", "pbr_app")));
    }

    [TestCase("", "empty")]
    [TestCase("postgresql://h:99999/x", "99999")]
    [TestCase("postgresql://h:port/x", "port")]
    [TestCase("postgresql://h/x?colour=red", "colour")]
    [TestCase("postgresql://h/x?sslmode=sometimes", "sometimes")]
    [TestCase("mysql://h/x", "postgresql://")]
    [TestCase("Database=pbr", "Host")]
    [TestCase("Hots=x;Database=pbr", "Hots")]
    public void Parse_Bad_FailsSayingWhy(string text, string mentioned)
    {
        var parsed = DatabaseUrl.Parse(text);

        Assert.That(parsed.Success, Is.False);
        Assert.That(parsed.Error, Does.Contain(mentioned).IgnoreCase);
    }

    [Test]
    public void Format_SocketFolder_WritesHostAsQueryParameter()
    {
        var settings = new NpgsqlConnectionStringBuilder { Host = "/tmp/pbr test/run", Port = 5432, Username = "pbr", Database = "pbr" };

        var url = DatabaseUrl.Format(settings);

        Assert.That(url, Is.EqualTo("postgresql://pbr@/pbr?host=/tmp/pbr%20test/run&port=5432"));
    }

    [Test]
    public void Format_TcpHostWithPassword_EscapesThePassword()
    {
        var settings = new NpgsqlConnectionStringBuilder { Host = "db.example.com", Port = 6543, Username = "alice", Password = "s@cr:et", Database = "pbr" };

        Assert.That(DatabaseUrl.Format(settings), Is.EqualTo("postgresql://alice:s%40cr%3Aet@db.example.com:6543/pbr"));
    }

    [TestCase("postgresql://pbr@/pbr?host=/tmp/a%20b/run&port=5432")]
    [TestCase("postgresql://alice:pw@db.example.com:6543/pbr?sslmode=require")]
    public void Format_ParsedUrl_GivesTheSameUrlBack(string url)
    {
        Assert.That(DatabaseUrl.Format(DatabaseUrl.Parse(url).Value), Is.EqualTo(url));
    }

    [Test]
    public void Redact_UrlWithPassword_HidesIt()
    {
        var redacted = DatabaseUrl.Redact("postgresql://alice:hunter2@db/pbr");

        Assert.That(redacted, Does.Not.Contain("hunter2").And.Contain("alice"));
    }
}
