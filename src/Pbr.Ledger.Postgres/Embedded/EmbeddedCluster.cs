using System.Globalization;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>
/// A private PostgreSQL cluster in a data folder, created with <c>initdb</c> and run with <c>pg_ctl</c>
/// from the machine's server programs, reachable only through a Unix socket (no TCP port).
/// </summary>
/// <remarks>
/// <para>The superuser is <c>pbr</c>, trusted over the local socket only; the socket folder is mode 0700,
/// so only the server's OS user (and root) can connect.</para>
/// <para>As root the programs run as <c>postgres</c> through <c>runuser</c>, because <c>initdb</c> and
/// <c>postgres</c> refuse to run as root; the folders the server needs are given to that user.</para>
/// </remarks>
public sealed partial class EmbeddedCluster
{
    /// <summary>The cluster's superuser.</summary>
    public const string SuperUser = "pbr";

    /// <summary>The database the tool uses unless told otherwise.</summary>
    public const string DefaultDatabase = "pbr";

    /// <summary>The seconds <c>pg_ctl</c> waits for the server to start or stop.</summary>
    private const int ServerWaitSeconds = 60;

    // pg_ctl gives up after ServerWaitSeconds; this outer limit only catches a hung pg_ctl.
    private static readonly TimeSpan s_programTimeout = TimeSpan.FromSeconds(ServerWaitSeconds + 30);

    private readonly ServerUser _user;
    private readonly bool _durable;

    /// <summary>Creates a handle on the cluster in <paramref name="layout"/>; nothing is touched until a method runs.</summary>
    /// <param name="layout">Where the cluster lives.</param>
    /// <param name="binaries">The server programs.</param>
    /// <param name="isRoot">Whether this process runs as root, so the server must run as <c>postgres</c>.</param>
    /// <param name="durable">
    /// False for throwaway test clusters: no fsync and small buffers, trading crash safety for speed.
    /// </param>
    public EmbeddedCluster(ClusterLayout layout, PostgresBinaries binaries, bool isRoot, bool durable = true)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        Binaries = binaries ?? throw new ArgumentNullException(nameof(binaries));
        _user = ServerUser.ForProcess(isRoot);
        _durable = durable;
    }

    /// <summary>Gets where the cluster lives.</summary>
    public ClusterLayout Layout { get; }

    /// <summary>Gets the server programs used.</summary>
    public PostgresBinaries Binaries { get; }

    /// <summary>Gets a value indicating whether <c>initdb</c> has created the cluster.</summary>
    public bool IsInitialised => File.Exists(Path.Combine(Layout.DataDirectory, "PG_VERSION"));

    /// <summary>
    /// Finds the server programs and lays out the cluster for the data folder the environment names.
    /// </summary>
    /// <param name="environment">The environment to read <c>PBR_HOME</c>, <c>PATH</c> and the user from.</param>
    /// <param name="searchFolders">Folders to search for the programs instead of the default ones.</param>
    /// <param name="durable">False for a throwaway cluster (see the constructor).</param>
    public static OperationResult<EmbeddedCluster> FromEnvironment(PbrEnvironment environment, IEnumerable<string>? searchFolders = null, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var binaries = PostgresBinaries.Find(searchFolders ?? environment.BinarySearchFolders());
        if (!binaries.Success)
        {
            return OperationResult<EmbeddedCluster>.Fail(binaries.Error!);
        }

        var layout = ClusterLayout.ForHome(ClusterLayout.HomeFor(environment));
        return OperationResult<EmbeddedCluster>.Ok(new EmbeddedCluster(layout, binaries.Value, environment.IsRoot, durable));
    }

    /// <summary>Gets a connection string for <paramref name="database"/> as the superuser, over the socket.</summary>
    public NpgsqlConnectionStringBuilder ConnectionString(string database = DefaultDatabase) => new()
    {
        Host = Layout.SocketDirectory,
        Port = Layout.Port,
        Username = SuperUser,
        Database = database,
    };

    /// <summary>Gets a libpq URL for <paramref name="database"/> that <c>psql</c> accepts.</summary>
    public string Url(string database = DefaultDatabase) => DatabaseUrl.Format(ConnectionString(database));

    /// <summary>Reports whether the cluster exists and runs, and where its files are.</summary>
    public async Task<ClusterStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        if (!IsInitialised)
        {
            return new ClusterStatus(ClusterState.NotInitialised, null, version, Layout);
        }

        var pid = RunningPid();
        return new ClusterStatus(pid is null ? ClusterState.Stopped : ClusterState.Running, pid, version, Layout);
    }

    private async Task<string?> VersionAsync(CancellationToken cancellationToken)
    {
        // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" -> "15.18"
        var output = await ProcessRunner.RunAsync(Binaries.PgCtl, ["--version"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        const string marker = "(PostgreSQL) ";
        var text = output.StandardOutput;
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (!output.Succeeded || at < 0)
        {
            return null;
        }

        var rest = text[(at + marker.Length)..].Trim();
        var end = rest.IndexOfAny([' ', '\n']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>
    /// Reads the server's pid from <c>postmaster.pid</c> and checks that a PostgreSQL process with that
    /// pid is alive; a pid file left by a crash (dead pid, or a pid since reused by another program) gives null.
    /// </summary>
    private int? RunningPid()
    {
        var pid = ReadPidFile(Path.Combine(Layout.DataDirectory, "postmaster.pid"));
        return pid is { } p && IsPostgresProcess(p) ? p : null;
    }

    private static int? ReadPidFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var first = reader.ReadLine();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsPostgresProcess(int pid)
    {
        try
        {
            // /proc/<pid>/stat is "pid (comm) state ...": the postmaster's command name is "postgres",
            // and a zombie (state Z, exited but not yet reaped by its parent) is not a running server.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= stat.Length)
            {
                return false;
            }

            var comm = stat[(open + 1)..close];
            return comm is "postgres" or "postmaster" && stat[close + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
