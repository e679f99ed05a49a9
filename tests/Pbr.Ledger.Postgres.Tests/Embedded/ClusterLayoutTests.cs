using System.Text;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Embedded;

namespace Pbr.Ledger.Postgres.Tests.Embedded;

public sealed class ClusterLayoutTests
{
    [Test]
    public void ForHome_ShortHome_EverythingUnderHome()
    {
        var layout = ClusterLayout.ForHome("/srv/pbr");

        Assert.That(layout.DataDirectory, Is.EqualTo("/srv/pbr/cluster"));
        Assert.That(layout.SocketDirectory, Is.EqualTo("/srv/pbr/run"));
        Assert.That(layout.LogFile, Is.EqualTo("/srv/pbr/log/postgres.log"));
        Assert.That(layout.SocketFile, Is.EqualTo("/srv/pbr/run/.s.PGSQL.5432"));
    }

    [Test]
    public void ForHome_HomeTooLongForASocket_SocketMovesToShortFolderUnderTmp()
    {
        var home = "/tmp/" + new string('x', 100);

        var layout = ClusterLayout.ForHome(home);

        Assert.That(layout.DataDirectory, Is.EqualTo(home + "/cluster"), "only the socket moves");
        Assert.That(layout.SocketDirectory, Does.Match("^/tmp/pbr-[0-9a-f]{16}$"));
        Assert.That(Encoding.UTF8.GetByteCount(layout.SocketFile), Is.LessThanOrEqualTo(ClusterLayout.MaxSocketPathBytes));
        Assert.That(ClusterLayout.ForHome(home).SocketDirectory, Is.EqualTo(layout.SocketDirectory), "the same home gives the same socket folder");
        Assert.That(ClusterLayout.ForHome(home + "y").SocketDirectory, Is.Not.EqualTo(layout.SocketDirectory));
    }

    [Test]
    public void ForHome_SocketPathExactlyAtTheLimit_StaysUnderHome()
    {
        // "/run/.s.PGSQL.5432" is 18 bytes, so a 89-byte home gives a 107-byte socket path: allowed.
        var home = "/" + new string('h', 88);

        var layout = ClusterLayout.ForHome(home);

        Assert.That(layout.SocketDirectory, Is.EqualTo(home + "/run"));
        Assert.That(ClusterLayout.ForHome(home + "h").SocketDirectory, Does.StartWith("/tmp/pbr-"), "one byte more no longer fits");
    }

    [Test]
    public void HomeFor_PbrHomeSet_UsesIt()
    {
        Assert.That(ClusterLayout.HomeFor(Environment("/data/pbr", isRoot: true)), Is.EqualTo("/data/pbr"));
    }

    [Test]
    public void HomeFor_NormalUser_UsesLocalShare()
    {
        Assert.That(ClusterLayout.HomeFor(Environment(null, isRoot: false)), Is.EqualTo("/home/ann/.local/share/pbr"));
    }

    [Test]
    public void HomeFor_XdgDataHomeSet_UsesIt()
    {
        var environment = Environment(null, isRoot: false) with { XdgDataHome = "/home/ann/data" };

        Assert.That(ClusterLayout.HomeFor(environment), Is.EqualTo("/home/ann/data/pbr"));
    }

    [Test]
    public void HomeFor_RootWithoutPbrHome_UsesVarLib()
    {
        // The server runs as postgres, which cannot enter /root (mode 0700).
        Assert.That(ClusterLayout.HomeFor(Environment(null, isRoot: true)), Is.EqualTo("/var/lib/pbr"));
    }

    private static PbrEnvironment Environment(string? pbrHome, bool isRoot) =>
        new(pbrHome, null, "/home/ann", null, "/usr/bin", isRoot);
}
