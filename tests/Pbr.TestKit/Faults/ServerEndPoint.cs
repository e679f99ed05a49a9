using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Pbr.TestKit.Faults;

/// <summary>Where the <see cref="FaultProxy"/> connects upstream: the server's Unix socket, or its host and port.</summary>
internal sealed record ServerEndPoint(string? SocketPath, string? Host, int Port)
{
    public static ServerEndPoint From(NpgsqlConnectionStringBuilder server)
    {
        var host = server.Host;
        if (string.IsNullOrEmpty(host))
        {
            throw new ArgumentException("the server settings name no host", nameof(server));
        }

        // A host that starts with a slash is a socket folder; PostgreSQL's socket in it is named after the port.
        return host.StartsWith('/')
            ? new ServerEndPoint(Path.Combine(host, ".s.PGSQL." + server.Port.ToString(CultureInfo.InvariantCulture)), null, server.Port)
            : new ServerEndPoint(null, host, server.Port);
    }

    public async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = SocketPath is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (SocketPath is null)
            {
                await socket.ConnectAsync(Host!, Port, cancellationToken);
            }
            else
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
