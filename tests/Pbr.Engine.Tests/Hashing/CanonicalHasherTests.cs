using Pbr.Engine.Hashing;

namespace Pbr.Engine.Tests.Hashing;

public sealed class CanonicalHasherTests
{
    [Test]
    public void OfText_Abc_IsTheFips180Vector()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.That(Sha256Hex.OfText("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    [Test]
    public void Finish_FieldsAreLengthPrefixed_SoBoundariesCannotMove()
    {
        // Without a length prefix "ab"+"c" and "a"+"bc" would both be the bytes "abc".
        Assert.That(Hash("ab", "c"), Is.Not.EqualTo(Hash("a", "bc")));
    }

    [Test]
    public void Finish_NullAndEmptyText_HashDifferently()
    {
        Assert.That(Hash((string?)null), Is.Not.EqualTo(Hash(string.Empty)));
    }

    [Test]
    public void Finish_EncodingOfOneField_IsLengthColonBytesSemicolon()
    {
        // The domain "d" and the field "é" (two UTF-8 bytes) are the bytes "1:d;2:é;".
        using var h = new CanonicalHasher("d");
        Assert.That(h.Add("é").Finish(), Is.EqualTo(Sha256Hex.OfText("1:d;2:é;")));
    }

    [Test]
    public void Finish_InputLongerThanOneBuffer_HashesExactlyTheEncodedBytes()
    {
        // A run hashes millions of fields; past 64 KiB they are hashed in pieces, which must not change a bit.
        // 30,000 fields "x" + i encode to about 300 KB, written here by hand from the rule "length:bytes;".
        var encoded = new System.Text.StringBuilder("4:long;");
        using var h = new CanonicalHasher("long");
        for (var i = 0; i < 30_000; i++)
        {
            var field = "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            encoded.Append(field.Length).Append(':').Append(field).Append(';');
            h.Add(field);
        }

        Assert.That(h.Finish(), Is.EqualTo(Sha256Hex.OfText(encoded.ToString())));
    }

    [Test]
    public void FinishValue_WritesTheSameHexAsFinish()
    {
        using var a = new CanonicalHasher("v");
        using var b = new CanonicalHasher("v");
        Assert.That(a.Add("abc").FinishValue().ToString(), Is.EqualTo(b.Add("abc").Finish()));
        Assert.That(Sha256Value.From(Convert.FromHexString(Sha256Hex.OfText("abc"))).ToString(), Is.EqualTo(Sha256Hex.OfText("abc")));
    }

    [Test]
    public void AddMap_KeysInAnyOrder_SameHash()
    {
        using var a = new CanonicalHasher("m");
        using var b = new CanonicalHasher("m");
        var one = a.AddMap([KeyValuePair.Create("b", "2"), KeyValuePair.Create("a", "1")]).Finish();
        var two = b.AddMap([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2")]).Finish();
        Assert.That(one, Is.EqualTo(two));
    }

    [Test]
    public void Add_UnicodeVariants_AreNotNormalisedAway()
    {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are different ids; hashing must not merge them.
        Assert.That(Hash("\u00e9"), Is.Not.EqualTo(Hash("e\u0301")));
    }

    private static string Hash(params string?[] fields)
    {
        using var h = new CanonicalHasher("t");
        foreach (var f in fields)
        {
            h.Add(f);
        }

        return h.Finish();
    }
}
