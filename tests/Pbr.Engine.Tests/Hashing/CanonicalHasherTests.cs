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
