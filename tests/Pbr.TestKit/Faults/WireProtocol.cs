using System.Buffers.Binary;
using System.Text;

namespace Pbr.TestKit.Faults;

/// <summary>
/// Just enough of the PostgreSQL frontend protocol (version 3) for the proxy to see where each
/// client message starts and ends, and which SQL a message carries.
/// </summary>
/// <remarks>
/// A session opens with untyped packets (an int32 length, then an int32 code): SSLRequest,
/// GSSENCRequest, CancelRequest or the StartupMessage. After the startup message every client
/// message is typed: one byte of type, an int32 length that counts itself, then the body.
/// </remarks>
internal static class WireProtocol
{
    public const int SslRequestCode = 80877103;
    public const int GssEncRequestCode = 80877104;
    public const int CancelRequestCode = 80877102;

    public const byte Query = (byte)'Q';
    public const byte Parse = (byte)'P';
    public const byte Sync = (byte)'S';
    public const byte Flush = (byte)'H';
    public const byte CopyData = (byte)'d';

    /// <summary>The answer to SSLRequest and GSSENCRequest that says "not here; carry on in plain text".</summary>
    public const byte Refuse = (byte)'N';

    public static int ReadInt32(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt32BigEndian(bytes);

    /// <summary>Gets the SQL text of a Query or Parse message body, or null for any other message.</summary>
    public static string? SqlOf(byte type, ReadOnlySpan<byte> body)
    {
        if (type == Query)
        {
            return CString(body);
        }

        if (type == Parse)
        {
            // Parse: the statement name, then the query, both NUL-terminated.
            var nameEnd = body.IndexOf((byte)0);
            return nameEnd < 0 ? null : CString(body[(nameEnd + 1)..]);
        }

        return null;
    }

    /// <summary>Gets a value indicating whether the client waits for the server's answer after this message (it ends a batch).</summary>
    public static bool EndsBatch(byte type) => type is Query or Sync or Flush;

    /// <summary>
    /// Gets a value indicating whether the SQL is a COMMIT statement. Only the statement itself counts:
    /// "ON COMMIT DELETE ROWS" in a CREATE TEMP TABLE does not.
    /// </summary>
    public static bool IsCommit(string sql)
    {
        var text = sql.AsSpan().Trim().TrimEnd(';').TrimEnd();
        return text.Equals("COMMIT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("COMMIT ", StringComparison.OrdinalIgnoreCase)
            || text.Equals("END", StringComparison.OrdinalIgnoreCase);
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
