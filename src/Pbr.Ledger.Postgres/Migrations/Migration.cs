using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Migrations;

/// <summary>One numbered SQL migration, e.g. <c>0001_roles.sql</c>, with the checksum of its text.</summary>
public sealed partial record Migration
{
    private Migration(int version, string name, string text, string sha256)
    {
        Version = version;
        Name = name;
        Text = text;
        Sha256 = sha256;
    }

    /// <summary>Gets the number the file name starts with; migrations apply in this order.</summary>
    public int Version { get; }

    /// <summary>Gets the file name, e.g. <c>0001_roles.sql</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the SQL text.</summary>
    public string Text { get; }

    /// <summary>Gets the SHA-256 of the text (lower-case hex), after turning CRLF line ends into LF.</summary>
    public string Sha256 { get; }

    /// <summary>Reads a migration from its file name (<c>NNNN_name.sql</c>) and text.</summary>
    public static ParseResult<Migration> Create(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var match = FileName().Match(name);
        if (!match.Success)
        {
            return ParseResult<Migration>.Fail($"'{name}' is not a migration file name: expected NNNN_name.sql, e.g. 0002_ledger.sql");
        }

        var version = int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        return version == 0
            ? ParseResult<Migration>.Fail($"'{name}': migration numbers start at 0001")
            : ParseResult<Migration>.Ok(new Migration(version, name, text, Checksum(text)));
    }

    /// <summary>Computes the checksum recorded for a migration's text.</summary>
    /// <remarks>Line ends are normalised so that a Windows checkout does not look like an edit.</remarks>
    public static string Checksum(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    [GeneratedRegex(@"^(?<version>[0-9]{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
