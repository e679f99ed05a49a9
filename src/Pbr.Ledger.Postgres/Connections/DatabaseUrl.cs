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

    private static ParseResult<NpgsqlConnectionStringBuilder> ParseKeywords(string text)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host))
            {
                return ParseResult<NpgsqlConnectionStringBuilder>.Fail(
                    "the connection string names no Host: expected a libpq URL (postgresql://user@host/db) or Npgsql keywords (Host=...;Database=...)");
            }

            return ParseResult<NpgsqlConnectionStringBuilder>.Ok(builder);
        }
        catch (ArgumentException e)
        {
            return ParseResult<NpgsqlConnectionStringBuilder>.Fail(
                $"the connection string is neither a libpq URL (postgresql://...) nor Npgsql keywords (Host=...;Database=...): {e.Message}");
        }
    }

    private static ParseResult<NpgsqlConnectionStringBuilder> ParseUrl(string rest)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        string? query = null;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? rest[(slash + 1)..] : string.Empty;

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Unescape(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0)
            {
                builder.Password = Unescape(userInfo[(colon + 1)..]);
            }
        }

        if (authority.Length > 0 && ParseHosts(authority, builder) is { } hostError)
        {
            return ParseResult<NpgsqlConnectionStringBuilder>.Fail(hostError);
        }

        if (database.Length > 0)
        {
            builder.Database = Unescape(database);
        }

        if (query is not null && ParseQuery(query, builder) is { } queryError)
        {
            return ParseResult<NpgsqlConnectionStringBuilder>.Fail(queryError);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = DefaultSocketDirectory;
        }

        return ParseResult<NpgsqlConnectionStringBuilder>.Ok(builder);
    }

    private static string? ParseHosts(string authority, NpgsqlConnectionStringBuilder builder)
    {
        var hosts = new List<string>();
        int? port = null;
        foreach (var part in authority.Split(','))
        {
            string host;
            string? portText = null;
            if (part.StartsWith('['))
            {
                var close = part.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    return $"the host '{part}' has no closing ']'";
                }

                host = part[1..close];
                if (part.Length > close + 1)
                {
                    if (part[close + 1] != ':')
                    {
                        return $"expected ':' and a port after '{part[..(close + 1)]}'";
                    }

                    portText = part[(close + 2)..];
                }
            }
            else
            {
                var colon = part.LastIndexOf(':');
                host = colon >= 0 ? part[..colon] : part;
                portText = colon >= 0 ? part[(colon + 1)..] : null;
            }

            if (portText is not null)
            {
                if (ParsePort(portText) is not { } value)
                {
                    return $"'{portText}' is not a port number (1 to 65535)";
                }

                port ??= value;
                hosts.Add(host.Length == 0 ? host : $"{Unescape(host)}:{value}");
            }
            else
            {
                hosts.Add(Unescape(host));
            }
        }

        // A single host is written plainly so that Host and Port read back as the user wrote them.
        if (hosts.Count == 1)
        {
            var colon = hosts[0].LastIndexOf(':');
            builder.Host = port is null || colon < 0 ? hosts[0] : hosts[0][..colon];
            if (port is { } p)
            {
                builder.Port = p;
            }
        }
        else
        {
            builder.Host = string.Join(',', hosts);
        }

        return null;
    }

    private static string? ParseQuery(string query, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return $"the URL parameter '{pair}' has no value: expected name=value";
            }

            var name = Unescape(pair[..eq]);
            var value = Unescape(pair[(eq + 1)..]);
            switch (name)
            {
                case "host":
                    builder.Host = value;
                    break;
                case "port":
                    if (ParsePort(value) is not { } port)
                    {
                        return $"'{value}' is not a port number (1 to 65535)";
                    }

                    builder.Port = port;
                    break;
                case "user":
                    builder.Username = value;
                    break;
                case "password":
                    builder.Password = value;
                    break;
                case "dbname":
                    builder.Database = value;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "options":
                    builder.Options = value;
                    break;
                case "connect_timeout":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    {
                        return $"'{value}' is not a number of seconds for connect_timeout";
                    }

                    builder.Timeout = seconds;
                    break;
                case "sslmode":
                    SslMode? mode = value switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => null,
                    };
                    if (mode is null)
                    {
                        return $"'{value}' is not an sslmode: expected disable, allow, prefer, require, verify-ca or verify-full";
                    }

                    builder.SslMode = mode.Value;
                    break;
                default:
                    return $"the URL parameter '{name}' is not supported: expected host, port, user, password, dbname, application_name, options, connect_timeout or sslmode";
            }
        }

        return null;
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
