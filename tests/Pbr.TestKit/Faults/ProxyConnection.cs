using System.Net.Sockets;

namespace Pbr.TestKit.Faults;

/// <summary>
/// One client connection through the <see cref="FaultProxy"/> and its own connection to the server:
/// server bytes are copied back as they come; client bytes are read message by message, so that an
/// armed fault can fire at an exact point of the conversation.
/// </summary>
internal sealed class ProxyConnection(FaultProxy proxy, Socket client, Socket server)
{
    private readonly HashSet<Fault> _primed = [];
    private long _copyBytes;
    private TimeSpan? _pendingDrop;
    private bool _answerLost;
    private volatile TaskCompletionSource? _muted;
    private int _closed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clientStream = new NetworkStream(client, ownsSocket: false);
        var serverStream = new NetworkStream(server, ownsSocket: false);
        var back = CopyBackAsync(serverStream, clientStream, cancellationToken);
        try
        {
            await ForwardAsync(new BufferedStream(clientStream, 64 * 1024), clientStream, serverStream, cancellationToken);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client went away, or a fault dropped the connection.
        }
        finally
        {
            Close(reset: false);
        }

        try
        {
            await back;
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The server's side ends when either side closes.
        }
    }

    /// <summary>Drops the connection: the client gets a reset, the server sees its client go.</summary>
    public void Drop()
    {
        proxy.CountDrop();
        Close(reset: true);
    }

    private async Task ForwardAsync(BufferedStream input, NetworkStream clientStream, NetworkStream serverStream, CancellationToken cancellationToken)
    {
        if (!await ForwardStartupAsync(input, clientStream, serverStream, cancellationToken))
        {
            return;
        }

        var head = new byte[5];
        while (true)
        {
            if (!await ReadOrEndAsync(input, head, cancellationToken))
            {
                return;
            }

            var length = WireProtocol.ReadInt32(head.AsSpan(1));
            if (length < 4)
            {
                throw new IOException($"a client message of type '{(char)head[0]}' claims a length of {length}");
            }

            var message = new byte[1 + length];
            head.CopyTo(message, 0);
            await input.ReadExactlyAsync(message.AsMemory(5), cancellationToken);
            if (proxy.MessageDelay > TimeSpan.Zero)
            {
                await Task.Delay(proxy.MessageDelay, cancellationToken);
            }

            var type = message[0];
            var body = message.AsSpan(5);
            if (type == WireProtocol.CopyData && CopyFaultFires(body.Length))
            {
                // The COPY data is lost in flight; the server never sees it.
                Drop();
                return;
            }

            _pendingDrop ??= StatementFault(type, body);
            if (_pendingDrop is not null && _muted is null)
            {
                // From the faulted statement (or COMMIT) on, what the server says never reaches the client. Else a
                // quick statement's answer could be passed back before the drop, and the client would never see the fault.
                _muted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            await serverStream.WriteAsync(message, cancellationToken);
            if (_pendingDrop is { } delay && WireProtocol.EndsBatch(type))
            {
                // The whole batch has reached the server: a lock call is waiting, or a COMMIT is committing. For a
                // COMMIT, wait for the server's answer (it answers only once committed), which the client never gets.
                if (_answerLost)
                {
                    await _muted!.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
                }

                await Task.Delay(delay, cancellationToken);
                Drop();
                return;
            }
        }
    }

    /// <summary>Forwards the untyped opening packets; answers SSL and GSS encryption requests with "no" itself.</summary>
    private static async Task<bool> ForwardStartupAsync(BufferedStream input, NetworkStream clientStream, NetworkStream serverStream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        while (true)
        {
            if (!await ReadOrEndAsync(input, header, cancellationToken))
            {
                return false;
            }

            var length = WireProtocol.ReadInt32(header);
            if (length is < 8 or > 10_000)
            {
                throw new IOException($"a startup packet claims a length of {length}");
            }

            var packet = new byte[length];
            header.CopyTo(packet, 0);
            await input.ReadExactlyAsync(packet.AsMemory(4), cancellationToken);
            var code = WireProtocol.ReadInt32(packet.AsSpan(4));
            if (code is WireProtocol.SslRequestCode or WireProtocol.GssEncRequestCode)
            {
                // Plain text keeps the messages readable; the client then sends its startup message.
                await clientStream.WriteAsync(new[] { WireProtocol.Refuse }, cancellationToken);
                continue;
            }

            await serverStream.WriteAsync(packet, cancellationToken);
            if (code == WireProtocol.CancelRequestCode)
            {
                // A cancel request is all the connection carries; the server closes it.
                await input.CopyToAsync(serverStream, cancellationToken);
                return false;
            }

            return true;
        }
    }

    private bool CopyFaultFires(int bytes)
    {
        var sent = _copyBytes;
        _copyBytes += bytes;
        foreach (var fault in proxy.Faults)
        {
            if (fault.Kind == FaultKind.DropDuringCopy && sent >= fault.AfterBytes && fault.TryFire())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds a fault that this statement fires; returns how long to wait after its batch before dropping.</summary>
    private TimeSpan? StatementFault(byte type, ReadOnlySpan<byte> body)
    {
        if (WireProtocol.SqlOf(type, body) is not { } sql)
        {
            return null;
        }

        var commit = WireProtocol.IsCommit(sql);
        TimeSpan? drop = null;
        foreach (var fault in proxy.Faults)
        {
            switch (fault.Kind)
            {
                case FaultKind.DropAfterCommit when commit:
                    var primed = _primed.Remove(fault);
                    if (drop is null && (fault.Sql is null || primed) && fault.TryFire())
                    {
                        drop = fault.Delay;
                        _answerLost = true;
                    }

                    break;
                case FaultKind.DropAfterCommit when fault.Sql is not null && sql.Contains(fault.Sql, StringComparison.Ordinal):
                    _primed.Add(fault);
                    break;
                case FaultKind.DropDuringStatement when drop is null && sql.Contains(fault.Sql!, StringComparison.Ordinal) && fault.TryFire():
                    drop = fault.Delay;
                    break;
            }
        }

        return drop;
    }

    private async Task CopyBackAsync(NetworkStream serverStream, NetworkStream clientStream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await serverStream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                if (_muted is { } muted)
                {
                    // The answer to the faulted statement or COMMIT is lost on the way.
                    muted.TrySetResult();
                    continue;
                }

                // One delay per chunk read, in order: time on the wire, never reordered bytes.
                if (proxy.ResponseDelay > TimeSpan.Zero)
                {
                    await Task.Delay(proxy.ResponseDelay, cancellationToken);
                }

                await clientStream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            // When the server ends the session (or terminates the backend), the client must see it too.
            Close(reset: false);
        }
    }

    private static async Task<bool> ReadOrEndAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await input.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return false;
        }

        return read == buffer.Length ? true : throw new EndOfStreamException("the client closed the connection mid-message");
    }

    private void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        if (reset)
        {
            // A zero linger makes the close a reset: the client's next read or write fails at once.
            client.LingerState = new LingerOption(true, 0);
        }

        client.Dispose();
        server.Dispose();
    }

    private static bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException or OperationCanceledException;
}
