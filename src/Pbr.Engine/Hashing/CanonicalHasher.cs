using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Pbr.Core;

namespace Pbr.Engine.Hashing;

/// <summary>
/// Builds a SHA-256 over a canonical, culture-free encoding of fields. Each field is written as its
/// UTF-8 byte length, a colon, the bytes and a semicolon, so that no two different field lists can
/// encode to the same bytes; a missing value is written as <c>~;</c>, apart from the empty string.
/// </summary>
/// <remarks>
/// Text is hashed exactly as stored (no trimming or Unicode normalisation), so the same row gives the
/// same hash on every machine and in every culture. Dates are ISO <c>yyyy-MM-dd</c>, amounts whole pence.
/// </remarks>
public sealed class CanonicalHasher : IDisposable
{
    // Fields are encoded into one growing buffer and hashed once at the end: hashing millions of rows
    // field by field through IncrementalHash costs more in calls than in bytes.
    // A run's hash covers millions of line hashes: past this size the encoded bytes are handed to an
    // IncrementalHash in pieces, which hashes exactly the same bytes without holding them all.
    private const int FlushAt = 1 << 16;

    private byte[] _buffer = new byte[256];
    private int _length;
    private IncrementalHash? _pieces;

    /// <summary>Starts a hash whose first field names what is hashed, e.g. <c>line</c>.</summary>
    public CanonicalHasher(string domain) => Add(domain);

    /// <summary>Adds a text field; null is kept distinct from the empty string.</summary>
    public CanonicalHasher Add(string? value)
    {
        if (value is null)
        {
            Append("~;"u8);
            return this;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        Reserve(byteCount + 13);
        byteCount.TryFormat(_buffer.AsSpan(_length), out var written, provider: CultureInfo.InvariantCulture);
        _length += written;
        _buffer[_length++] = (byte)':';
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        _buffer[_length++] = (byte)';';
        return this;
    }

    /// <summary>Adds a whole number.</summary>
    public CanonicalHasher Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds an amount as whole pence.</summary>
    public CanonicalHasher Add(Money value) => Add(value.Pence);

    /// <summary>Adds a date as <c>yyyy-MM-dd</c>.</summary>
    public CanonicalHasher Add(LocalDate value) => Add(LocalDatePattern.Iso.Format(value));

    /// <summary>Adds an optional date; null is written as a missing value.</summary>
    public CanonicalHasher Add(LocalDate? value) => value is { } date ? Add(date) : Add((string?)null);

    /// <summary>Adds a list of texts as its count followed by each item, in the order given.</summary>
    public CanonicalHasher AddAll(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyCollection<string> ?? values.ToList();
        Add(list.Count);
        foreach (var value in list)
        {
            Add(value);
        }

        return this;
    }

    /// <summary>Adds a map as its count followed by each key and value in ordinal key order.</summary>
    public CanonicalHasher AddMap(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Add(sorted.Count);
        foreach (var (key, value) in sorted)
        {
            Add(key).Add(value);
        }

        return this;
    }

    /// <summary>Finishes the hash and returns it as 64 lowercase hex digits.</summary>
    public string Finish() => Convert.ToHexStringLower(FinishBytes());

    /// <summary>Finishes the hash and returns it as a value of 32 bytes.</summary>
    public Sha256Value FinishValue() => Sha256Value.From(FinishBytes());

    /// <summary>Finishes the hash and returns its 32 bytes.</summary>
    public byte[] FinishBytes()
    {
        byte[] hash;
        if (_pieces is null)
        {
            hash = SHA256.HashData(_buffer.AsSpan(0, _length));
        }
        else
        {
            _pieces.AppendData(_buffer, 0, _length);
            hash = _pieces.GetHashAndReset();
        }

        _length = 0;
        return hash;
    }

    /// <summary>Releases the incremental hash a long input needed, if any.</summary>
    public void Dispose() => _pieces?.Dispose();

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int more)
    {
        if (_length > 0 && _length + more > FlushAt)
        {
            _pieces ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _pieces.AppendData(_buffer, 0, _length);
            _length = 0;
        }

        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
