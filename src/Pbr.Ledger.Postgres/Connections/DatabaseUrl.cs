using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Connections;

/// <summary>
/// Reads the two spellings of a connection that <c>PBR_DATABASE_URL</c> accepts, and writes the
/// libpq URL form that <c>psql</c> accepts.
/// </summary>
/// <remarks>
/// <para>The libpq URL form is <c>postgresql://[user[:password]@][host[:port]][/dbname][?param=value&amp;...]</c>
/// (also <c>postgres://</c>); a Unix socket folder is given as <c>?host=/path</c>, as libpq does.
/// Percent-escapes are decoded. Unknown query parameters are an error rather than being ignored.</para>
/// <para>Anything else is read as an Npgsql keyword string such as <c>Host=/tmp;Database=pbr;Username=pbr</c>.</para>
/// </remarks>
public static partial class DatabaseUrl
{
    /// <summary>
    /// The socket folder libpq uses when a URL names no host; Debian and Ubuntu build libpq with this one.
    /// </summary>
    public const string DefaultSocketDirectory = "/var/run/postgresql";

    private static readonly string[] s_schemes = ["postgresql://", "postgres://"];

    /// <summary>Parses a libpq URL or an Npgsql keyword string.</summary>
    public static ParseResult<NpgsqlConnectionStringBuilder> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<NpgsqlConnectionStringBuilder>.Fail("the connection string is empty");
        }

        text = text.Trim();
        var scheme = Array.Find(s_schemes, s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is not null)
        {
            return ParseUrl(text[scheme.Length..]);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return ParseResult<NpgsqlConnectionStringBuilder>.Fail(
                $"'{Redact(text)}' is not a PostgreSQL URL: expected it to start with postgresql:// or postgres://");
        }

        return ParseKeywords(text);
    }

    /// <summary>
    /// Writes a connection as a libpq URL, e.g. <c>postgresql://pbr@/pbr?host=/home/me/.local/share/pbr/run&amp;port=5432</c>.
    /// </summary>
    public static string Format(NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var url = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(connection.Username))
        {
            url.Append(Escape(connection.Username));
            if (!string.IsNullOrEmpty(connection.Password))
            {
                url.Append(':').Append(Escape(connection.Password));
            }

            url.Append('@');
        }

        var host = connection.Host ?? string.Empty;
        var query = new List<string>();
        var socket = host.StartsWith('/');
        if (socket)
        {
            query.Add("host=" + EscapePath(host));
            query.Add("port=" + connection.Port.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            url.Append(host.Contains(':', StringComparison.Ordinal) && !host.Contains(',', StringComparison.Ordinal) ? $"[{host}]" : host);
            url.Append(':').Append(connection.Port.ToString(CultureInfo.InvariantCulture));
        }

        url.Append('/');
        if (!string.IsNullOrEmpty(connection.Database))
        {
            url.Append(Escape(connection.Database));
        }

        if (connection.SslMode != SslMode.Prefer)
        {
            query.Add("sslmode=" + connection.SslMode switch
            {
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                var mode => mode.ToString().ToLowerInvariant(),
            });
        }

        if (query.Count > 0)
        {
            url.Append('?').AppendJoin('&', query);
        }

        return url.ToString();
    }

    /// <summary>Hides the password in a connection string or URL so that it can be shown or logged.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return UrlPassword().Replace(text, "://$1:****@");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "****";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }

    private static int? ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    [GeneratedRegex("://([^:/@?]*):[^@/?]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    private static string Unescape(string text) => Uri.UnescapeDataString(text);

    private static string Escape(string text) => Uri.EscapeDataString(text);

    // Slashes are legal in a query value and keep a socket path readable.
    private static string EscapePath(string path) => Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
}
