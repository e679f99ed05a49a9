using System.Security.Cryptography;
using System.Text;

namespace Pbr.Engine.Hashing;

/// <summary>The SHA-256 of raw bytes or UTF-8 text as 64 lowercase hex digits, the form every hash is stored in.</summary>
public static class Sha256Hex
{
    /// <summary>Gets the hash that stands before the first run of a contract's chain.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>Hashes bytes.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Hashes the UTF-8 encoding of text, exactly as given.</summary>
    public static string OfText(string text) => Of(Encoding.UTF8.GetBytes(text));
}
