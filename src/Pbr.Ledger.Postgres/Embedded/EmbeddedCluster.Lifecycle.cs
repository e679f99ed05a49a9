using System.Globalization;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Embedded;

public sealed partial class EmbeddedCluster
{
    private const string SettingsFile = "pbr.conf";

    // After a kill -9 of the postmaster its children notice and exit within moments; until they have,
    // the new server refuses to start because the old shared memory is still attached.
    private static readonly TimeSpan s_staleRetryPause = TimeSpan.FromMilliseconds(500);
    private const int StaleRetries = 40;

    /// <summary>
    /// Creates the cluster with <c>initdb</c> (UTF8, locale C, superuser <c>pbr</c>, trust on the local
    /// socket only) unless it exists already.
    /// </summary>
    /// <returns>True when the cluster was created by this call.</returns>
    public async Task<OperationResult<bool>> InitAsync(CancellationToken cancellationToken = default)
    {
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        return held is null ? Busy<bool>() : await InitLockedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the server, creating the cluster first if needed. Starting a running cluster does nothing
    /// and says so; a pid file left behind by a crash is dealt with.
    /// </summary>
    public async Task<OperationResult<StartOutcome>> StartAsync(CancellationToken cancellationToken = default)
    {
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        return held is null ? Busy<StartOutcome>() : await StartLockedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, work in progress rolled back).</summary>
    /// <returns>True when a server was running and has stopped; false when none was running.</returns>
    public async Task<OperationResult<bool>> StopAsync(CancellationToken cancellationToken = default)
    {
        // Nothing to stop, and no reason to create the data folder just to lock it.
        if (!IsInitialised)
        {
            return OperationResult<bool>.Ok(false);
        }

        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        return held is null ? Busy<bool>() : await StopLockedAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<ClusterLock?> LockAsync(CancellationToken cancellationToken) =>
        ClusterLock.AcquireAsync(Layout.Home, s_programTimeout, cancellationToken);

    private OperationResult<T> Busy<T>() =>
        OperationResult<T>.Fail($"another pbr process has been creating, starting or stopping the cluster in {Layout.Home} for over {s_programTimeout.TotalSeconds:0} s; try again when it has finished.");

    private async Task<OperationResult<bool>> InitLockedAsync(CancellationToken cancellationToken)
    {
        if (IsInitialised)
        {
            return OperationResult<bool>.Ok(false);
        }

        var data = Layout.DataDirectory;
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            return OperationResult<bool>.Fail(
                $"{data} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or set PBR_HOME to another folder.");
        }

        if (await PrepareAsync([Layout.Home, data, Path.GetDirectoryName(Layout.LogFile)!], cancellationToken).ConfigureAwait(false) is { } error)
        {
            return OperationResult<bool>.Fail(error);
        }

        var arguments = new List<string>
        {
            "--pgdata=" + data,
            "--username=" + SuperUser,
            "--encoding=UTF8",
            "--locale=C",
            "--auth-local=trust",
            "--auth-host=reject",
        };
        if (!_durable)
        {
            arguments.Add("--no-sync");
        }

        var initdb = await _user.RunAsync(Binaries.InitDb, arguments, s_programTimeout, cancellationToken).ConfigureAwait(false);
        if (!initdb.Succeeded)
        {
            return OperationResult<bool>.Fail($"initdb could not create the cluster in {data}:{Environment.NewLine}{initdb.Combined}");
        }

        // Settings that depend on the layout live in pbr.conf, rewritten at each start, so that the
        // cluster follows its data folder if it moves; postgresql.conf only includes it, last, so it wins.
        await File.AppendAllTextAsync(
            Path.Combine(data, "postgresql.conf"),
            $"{Environment.NewLine}# Added by pbr: settings written at each start.{Environment.NewLine}include_if_exists = '{SettingsFile}'{Environment.NewLine}",
            cancellationToken).ConfigureAwait(false);
        return OperationResult<bool>.Ok(true);
    }

    private async Task<OperationResult<StartOutcome>> StartLockedAsync(CancellationToken cancellationToken)
    {
        var init = await InitLockedAsync(cancellationToken).ConfigureAwait(false);
        if (!init.Success)
        {
            return OperationResult<StartOutcome>.Fail(init.Error!);
        }

        if (RunningPid() is { } running)
        {
            return OperationResult<StartOutcome>.Ok(new StartOutcome(running, AlreadyRunning: true, Initialised: init.Value));
        }

        RemoveStaleLockFile(Path.Combine(Layout.DataDirectory, "postmaster.pid"));
        if (await PrepareAsync([Layout.Home, Layout.SocketDirectory, Path.GetDirectoryName(Layout.LogFile)!], cancellationToken).ConfigureAwait(false) is { } error)
        {
            return OperationResult<StartOutcome>.Fail(error);
        }

        RemoveStaleLockFile(Layout.SocketFile + ".lock");
        if (await WriteSettingsAsync(cancellationToken).ConfigureAwait(false) is { } settingsError)
        {
            return OperationResult<StartOutcome>.Fail(settingsError);
        }

        for (var attempt = 1; ; attempt++)
        {
            var logStart = LogLength();
            var start = await _user.RunAsync(
                Binaries.PgCtl,
                ["start", "--pgdata=" + Layout.DataDirectory, "--log=" + Layout.LogFile, "--wait", "--timeout=" + ServerWaitSeconds.ToString(CultureInfo.InvariantCulture), "--silent"],
                s_programTimeout,
                cancellationToken).ConfigureAwait(false);
            if (start.Succeeded && RunningPid() is { } pid)
            {
                return OperationResult<StartOutcome>.Ok(new StartOutcome(pid, AlreadyRunning: false, Initialised: init.Value));
            }

            var log = ReadLogFrom(logStart);
            if (log.Contains("pre-existing shared memory block", StringComparison.Ordinal) && attempt < StaleRetries)
            {
                await Task.Delay(s_staleRetryPause, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (log.Contains(".s.PGSQL.", StringComparison.Ordinal) && log.Contains("already exists", StringComparison.Ordinal))
            {
                return OperationResult<StartOutcome>.Fail(
                    $"another PostgreSQL server already owns the socket {Layout.SocketFile}; stop that server, or use another PBR_HOME.{Environment.NewLine}{log.Trim()}");
            }

            if (log.Contains("Address already in use", StringComparison.Ordinal))
            {
                return OperationResult<StartOutcome>.Fail(
                    $"the socket {Layout.SocketFile} is in use by another program; stop it, or use another PBR_HOME.{Environment.NewLine}{log.Trim()}");
            }

            return OperationResult<StartOutcome>.Fail(
                $"the server did not start (log: {Layout.LogFile}):{Environment.NewLine}{start.Combined}{Environment.NewLine}{log.Trim()}".Trim());
        }
    }

    private async Task<OperationResult<bool>> StopLockedAsync(CancellationToken cancellationToken)
    {
        if (!IsInitialised || RunningPid() is null)
        {
            return OperationResult<bool>.Ok(false);
        }

        var stop = await _user.RunAsync(
            Binaries.PgCtl,
            ["stop", "--pgdata=" + Layout.DataDirectory, "--mode=fast", "--wait", "--timeout=" + ServerWaitSeconds.ToString(CultureInfo.InvariantCulture), "--silent"],
            s_programTimeout,
            cancellationToken).ConfigureAwait(false);
        return stop.Succeeded
            ? OperationResult<bool>.Ok(true)
            : OperationResult<bool>.Fail($"pg_ctl could not stop the server on {Layout.DataDirectory}:{Environment.NewLine}{stop.Combined}");
    }
}
