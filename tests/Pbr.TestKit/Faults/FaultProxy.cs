using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.TestKit.Faults;

/// <summary>
/// A fault-injecting TCP proxy between the tool and the test server, on an ephemeral loopback port:
/// it forwards every connection faithfully until an armed <see cref="Fault"/> fires, and can add
/// latency to every message.
/// </summary>
/// <remarks>
/// <para>The embedded test cluster listens on a Unix socket only, so the proxy connects upstream to
/// that socket (or to host and port when the kit runs against a TCP <c>PBR_DATABASE_URL</c>). The
/// server still sees a Unix-socket connection, so authentication stays as it is.</para>
/// <para>Point a client at the proxy with <see cref="Redirect"/>, <see cref="ConnectionString"/> or
/// <see cref="Url"/>; these turn SSL off, though the proxy also answers an SSL request with "no" itself.</para>
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ServerEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ProxyConnection, Task> _open = new();
    private readonly Lock _gate = new();
    private ImmutableList<Fault> _faults = [];
    private Task _accepting = Task.CompletedTask;
    private long _messageDelayTicks;
    private long _responseDelayTicks;
    private int _accepted;
    private int _drops;

    private FaultProxy(ServerEndPoint server)
    {
        _server = server;
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>Gets the loopback port the proxy listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Gets or sets the delay before each client message is forwarded (zero: none).</summary>
    public TimeSpan MessageDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _messageDelayTicks));
        set => Interlocked.Exchange(ref _messageDelayTicks, value.Ticks);
    }

    /// <summary>Gets or sets the delay before each chunk the server sends back is forwarded (zero: none).</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, value.Ticks);
    }

    /// <summary>Gets how many client connections the proxy has accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Gets how many connections faults have dropped.</summary>
    public int Drops => Volatile.Read(ref _drops);

    internal ImmutableList<Fault> Faults => Volatile.Read(ref _faults);

    /// <summary>Starts a proxy to the server that <paramref name="server"/> names (a Unix socket folder or a host).</summary>
    public static FaultProxy Start(NpgsqlConnectionStringBuilder server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var proxy = new FaultProxy(ServerEndPoint.From(server));
        proxy._listener.Start();
        proxy._accepting = proxy.AcceptAsync(proxy._stop.Token);
        return proxy;
    }

    /// <summary>Starts a proxy to the server of a test database.</summary>
    public static FaultProxy Start(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Start(database.Settings);
    }

    /// <summary>Arms a fault; it fires on whichever connection first meets it, as many times as it was made to.</summary>
    public Fault Arm(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults = _faults.Add(fault);
        }

        return fault;
    }

    /// <summary>Removes every armed fault and all latency.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            _faults = [];
        }

        MessageDelay = TimeSpan.Zero;
        ResponseDelay = TimeSpan.Zero;
    }

    /// <summary>Gets <paramref name="settings"/> pointed at the proxy instead (same user, password and database; SSL off).</summary>
    public NpgsqlConnectionStringBuilder Redirect(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            SslMode = SslMode.Disable,
        };
    }

    /// <summary>Gets an Npgsql connection string for <paramref name="settings"/> through the proxy.</summary>
    public string ConnectionString(NpgsqlConnectionStringBuilder settings) => Redirect(settings).ConnectionString;

    /// <summary>Gets a libpq URL for <paramref name="settings"/> through the proxy, as <c>PBR_DATABASE_URL</c> takes it.</summary>
    public string Url(NpgsqlConnectionStringBuilder settings) => DatabaseUrl.Format(Redirect(settings));

    /// <summary>Stops listening and closes every connection still open.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop.
        }

        await Task.WhenAll(_open.Values);
        _stop.Dispose();
    }

    internal void CountDrop() => Interlocked.Increment(ref _drops);

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(cancellationToken);
            client.NoDelay = true;
            Interlocked.Increment(ref _accepted);
            Socket server;
            try
            {
                server = await _server.ConnectAsync(cancellationToken);
            }
            catch (SocketException)
            {
                // The server is not there: the client sees its connection closed, as it would without the proxy.
                client.Dispose();
                continue;
            }

            var connection = new ProxyConnection(this, client, server);
            _open[connection] = RunAsync(connection, cancellationToken);
        }
    }

    private async Task RunAsync(ProxyConnection connection, CancellationToken cancellationToken)
    {
        // Leave the accept loop at once: the connection runs on its own.
        await Task.Yield();
        try
        {
            await connection.RunAsync(cancellationToken);
        }
        finally
        {
            _open.TryRemove(connection, out _);
        }
    }
}
