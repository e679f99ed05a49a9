using NodaTime;
using Pbr.Core.Model;
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

    [Test]
    public void Of_StoredHashes_AreWhatIsDigested_InKeyOrder()
    {
        // Made-up stored hashes, not the rows' own: the digest must be the list of these, in key order.
        var a = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var b = Rows.Participant("B1", new LocalDate(2024, 2, 10));
        var first = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var second = first with { RecordedOn = new LocalDate(2024, 3, 1) };
        var other = Rows.Employment("E0", "B1", new LocalDate(2024, 3, 1), null, new LocalDate(2024, 3, 2));
        Sha256Value[] madeUp = [.. Enumerable.Range(1, 5).Select(i => new Sha256Value((ulong)i, 0, 0, (ulong)(i * 7)))];
        using var expected = new CanonicalHasher("inputs");
        expected.AddAll([madeUp[1].ToString(), madeUp[0].ToString()]).AddAll([madeUp[3].ToString(), madeUp[4].ToString(), madeUp[2].ToString()]);

        var digest = InputDigest.Of([b, a], [second, other, first], new InputHashes([madeUp[0], madeUp[1]], [madeUp[2], madeUp[3], madeUp[4]]));

        Assert.That(digest, Is.EqualTo(expected.Finish()));
    }

    [Test]
    public void Of_StoredHashesThatAreTheRows_SameDigestAsHashingTheRows()
    {
        Participant[] people = [Rows.Participant("B1", new LocalDate(2024, 2, 10)), Rows.Participant("A1", new LocalDate(2024, 1, 10), "hard")];
        EvidenceVersion[] evidence =
        [
            Rows.Employment("E2", "B1", new LocalDate(2024, 3, 1), new LocalDate(2024, 5, 1), new LocalDate(2024, 5, 2)),
            Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5), EvidenceStatus.Pending),
        ];
        var stored = new InputHashes([.. people.Select(RowHashes.ValueOf)], [.. evidence.Select(RowHashes.ValueOf)]);

        Assert.That(InputDigest.Of(people, evidence, stored), Is.EqualTo(InputDigest.Of(people, evidence)));
    }

    [Test]
    public void Of_StoredHashesMissingOne_Throws() =>
        Assert.That(
            () => InputDigest.Of([Rows.Participant("A1", new LocalDate(2024, 1, 10))], [], new InputHashes([], [])),
            Throws.ArgumentException);
}
