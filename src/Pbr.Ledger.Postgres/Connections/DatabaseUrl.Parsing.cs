using System.Globalization;
using Npgsql;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Connections;

// Reading the two forms: Npgsql keywords, and the libpq URL piece by piece.
public static partial class DatabaseUrl
{
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
}
