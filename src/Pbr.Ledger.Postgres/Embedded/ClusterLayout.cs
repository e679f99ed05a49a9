using System.Security.Cryptography;
using System.Text;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>Where an embedded cluster keeps its files, and where its Unix socket lives.</summary>
/// <param name="Home">The data folder (<c>PBR_HOME</c>).</param>
/// <param name="DataDirectory">The cluster itself: <c>$PBR_HOME/cluster</c>.</param>
/// <param name="SocketDirectory">The private folder holding the server's Unix socket.</param>
/// <param name="LogFile">The server's log: <c>$PBR_HOME/log/postgres.log</c>.</param>
/// <param name="Port">The port number, which for a Unix socket only names the socket file.</param>
public sealed record ClusterLayout(string Home, string DataDirectory, string SocketDirectory, string LogFile, int Port)
{
    /// <summary>The port number used unless another is asked for.</summary>
    public const int DefaultPort = 5432;

    /// <summary>
    /// The longest socket path Linux accepts (<c>sun_path</c> is 108 bytes including the terminating zero).
    /// </summary>
    public const int MaxSocketPathBytes = 107;

    /// <summary>The data folder used as root when <c>PBR_HOME</c> is unset.</summary>
    /// <remarks>
    /// As root the server runs as <c>postgres</c>, which cannot enter root's home (mode 0700), so root's
    /// default lives where system services keep their data instead of under <c>~/.local/share</c>.
    /// </remarks>
    public const string RootDefaultHome = "/var/lib/pbr";

    /// <summary>Gets the path of the server's socket file.</summary>
    public string SocketFile => Path.Combine(SocketDirectory, $".s.PGSQL.{Port}");

    /// <summary>
    /// The data folder: <c>PBR_HOME</c> when set; otherwise <c>$XDG_DATA_HOME/pbr</c> or
    /// <c>~/.local/share/pbr</c> (and <see cref="RootDefaultHome"/> as root).
    /// </summary>
    public static string HomeFor(PbrEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.PbrHome is { } home)
        {
            return Path.GetFullPath(home);
        }

        if (environment.IsRoot)
        {
            return RootDefaultHome;
        }

        if (environment.XdgDataHome is { } xdg)
        {
            return Path.Combine(Path.GetFullPath(xdg), "pbr");
        }

        var userHome = environment.Home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(userHome, ".local", "share", "pbr");
    }

    /// <summary>Lays out a cluster in <paramref name="home"/>.</summary>
    /// <remarks>
    /// The socket goes in <c>$PBR_HOME/run</c> unless that path is too long for a Unix socket, in which
    /// case it goes in <c>/tmp/pbr-&lt;hash of PBR_HOME&gt;</c>, which is short, private and the same on every start.
    /// </remarks>
    public static ClusterLayout ForHome(string home, int port = DefaultPort)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        home = Path.GetFullPath(home);
        var socketDirectory = Path.Combine(home, "run");
        if (Encoding.UTF8.GetByteCount(Path.Combine(socketDirectory, $".s.PGSQL.{port}")) > MaxSocketPathBytes)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(home)))[..16];
            socketDirectory = Path.Combine("/tmp", "pbr-" + hash);
        }

        return new ClusterLayout(
            home,
            Path.Combine(home, "cluster"),
            socketDirectory,
            Path.Combine(home, "log", "postgres.log"),
            port);
    }
}
