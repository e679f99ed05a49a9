namespace Pbr.TestKit.Faults;

/// <summary>
/// One fault armed on a <see cref="FaultProxy"/>: what triggers it, how many more times it may fire,
/// and how many times it has fired, so that a test can assert that the fault really happened.
/// </summary>
/// <remarks>
/// Every fault ends in a dropped connection: the proxy resets the client's socket (the tool sees a
/// connection reset, as on a real network failure) and closes the server's (the server sees the client go).
/// </remarks>
public sealed class Fault
{
    private int _remaining;
    private int _fired;

    private Fault(FaultKind kind, int times, string? sql, long afterBytes, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        Kind = kind;
        _remaining = times;
        Sql = sql;
        AfterBytes = afterBytes;
        Delay = delay;
    }

    /// <summary>Gets what triggers the fault.</summary>
    public FaultKind Kind { get; }

    /// <summary>
    /// Gets the SQL text the fault looks for: the statement that triggers <see cref="FaultKind.DropDuringStatement"/>,
    /// or, for <see cref="FaultKind.DropAfterCommit"/>, a statement that must have been sent earlier on the
    /// same connection (so that only the commit of the transaction under test is hit).
    /// </summary>
    public string? Sql { get; }

    /// <summary>Gets how many bytes of COPY data a connection sends before <see cref="FaultKind.DropDuringCopy"/> fires.</summary>
    public long AfterBytes { get; }

    /// <summary>Gets how long the proxy waits after forwarding the triggering statement before it drops the connection.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Gets how many times the fault has fired.</summary>
    public int Fired => Volatile.Read(ref _fired);

    /// <summary>
    /// Drops the connection instead of forwarding the first COPY data message sent after
    /// <paramref name="afterBytes"/> bytes of COPY data on that connection.
    /// </summary>
    public static Fault DropDuringCopy(long afterBytes = 0, int times = 1) =>
        new(FaultKind.DropDuringCopy, times, null, afterBytes, TimeSpan.Zero);

    /// <summary>
    /// Forwards a COMMIT to the server, keeps its answer from the client, and drops the connection once the
    /// server has answered: the commit happened, but the client never hears so (an ambiguous commit). Dropping
    /// at once instead would make the outcome a race: a server that finds its client gone while flushing an
    /// earlier reply aborts the transaction before it reads the COMMIT.
    /// </summary>
    /// <param name="after">When given, only a COMMIT on a connection that has sent a statement containing this text since its last COMMIT.</param>
    /// <param name="times">How many times the fault may fire.</param>
    public static Fault DropAfterCommit(string? after = null, int times = 1) =>
        new(FaultKind.DropAfterCommit, times, after, 0, TimeSpan.Zero);

    /// <summary>
    /// Forwards a statement containing <paramref name="sql"/> (with the rest of its batch), waits
    /// <paramref name="delay"/> and drops the connection, e.g. while the statement waits for a lock. The server's
    /// answers from that statement on never reach the client, so a quick statement cannot complete before the drop.
    /// </summary>
    public static Fault DropDuringStatement(string sql, TimeSpan delay, int times = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        return new(FaultKind.DropDuringStatement, times, sql, 0, delay);
    }

    /// <summary>Claims one firing; false once the fault has fired as often as it was armed to.</summary>
    internal bool TryFire()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _remaining);
            if (remaining == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
            {
                Interlocked.Increment(ref _fired);
                return true;
            }
        }
    }

    /// <summary>Gets a value indicating whether the fault may still fire.</summary>
    internal bool Armed => Volatile.Read(ref _remaining) > 0;

    public override string ToString() => $"{Kind} (fired {Fired} time(s))";
}
