using System.Buffers.Binary;

namespace Pbr.Engine.Hashing;

/// <summary>
/// A SHA-256 held as four words instead of 64 hex characters: a fifth of the memory, compared by
/// value, and written as the same lowercase hex as every stored hash.
/// </summary>
public readonly record struct Sha256Value(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>Reads the 32 bytes of a hash, in order.</summary>
    public static Sha256Value From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(bytes));
        }

        return new(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Returns the hash as 64 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Returns the 32 bytes of the hash, in order.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[32];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes the 32 bytes of the hash, in order.</summary>
    public void WriteTo(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], D);
    }
}
