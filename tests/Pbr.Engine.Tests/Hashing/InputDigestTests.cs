using NodaTime;
using Pbr.Engine.Hashing;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Engine.Tests.Hashing;

public sealed class InputDigestTests
{
    [Test]
    public void Of_RowsInAnyOrder_IsTheListOfRowHashesInKeyOrder()
    {
        // The digest is defined as: "inputs", then the participants' row hashes sorted by (contract, id)
        // as a counted list, then the evidence versions' sorted by (contract, id, recorded on). Written
        // out here with AddAll, the way the definition reads; the digest must hash the same bytes.
        var a = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var b = Rows.Participant("B1", new LocalDate(2024, 2, 10));
        var first = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var second = first with { RecordedOn = new LocalDate(2024, 3, 1), EndDate = new LocalDate(2024, 2, 20) };
        var other = Rows.Employment("E0", "B1", new LocalDate(2024, 3, 1), null, new LocalDate(2024, 3, 2));
        using var expected = new CanonicalHasher("inputs");
        expected.AddAll([RowHashes.Of(a), RowHashes.Of(b)]).AddAll([RowHashes.Of(other), RowHashes.Of(first), RowHashes.Of(second)]);

        var digest = InputDigest.Of([b, a], [second, other, first]);

        Assert.That(digest, Is.EqualTo(expected.Finish()));
    }
}
