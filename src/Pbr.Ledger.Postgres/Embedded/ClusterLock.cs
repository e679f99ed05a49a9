namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>
/// An exclusive lock on a data folder, held while a process creates, starts or stops its cluster,
/// so that two <c>pbr</c> processes starting at once do not both run <c>initdb</c> or <c>pg_ctl start</c>.
/// </summary>
/// <remarks>The lock is the operating system's advisory lock on <c>$PBR_HOME/pbr.lock</c>; it ends with the process.</remarks>
internal sealed class ClusterLock : IDisposable
{
    private static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private ClusterLock(FileStream file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock on <paramref name="home"/>.</summary>
    /// <returns>The lock, or null when another process held it for the whole time.</returns>
    public static async Task<ClusterLock?> AcquireAsync(string home, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(home);
        var path = Path.Combine(home, "pbr.lock");
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return new ClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited < timeout)
            {
                // Held by another process; FileShare.None is an exclusive flock on Unix.
            }

            await Task.Delay(s_pause, cancellationToken).ConfigureAwait(false);
            waited += s_pause;
        }
    }

    public void Dispose() => _file.Dispose();
}
