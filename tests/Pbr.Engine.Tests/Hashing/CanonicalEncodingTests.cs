// FsCheck.NUnit supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1001, NUnit1027

using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;

namespace Pbr.Engine.Tests.Hashing;

/// <summary>
/// The hasher writes numbers, dates, hashes and maps without building their text first; the bytes
/// hashed must be exactly those of the text, written here by hand or by the library that owns the format.
/// </summary>
public sealed class CanonicalEncodingTests
{
    [TestCase(0L, "1:0;")]
    [TestCase(7L, "1:7;")]
    [TestCase(-42L, "3:-42;")]
    [TestCase(long.MaxValue, "19:9223372036854775807;")]
    [TestCase(long.MinValue, "20:-9223372036854775808;")]
    public void Add_Number_IsItsDecimalText(long value, string encoded)
    {
        using var h = new CanonicalHasher("t");
        Assert.That(h.Add(value).Finish(), Is.EqualTo(Sha256Hex.OfText("1:t;" + encoded)));
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Add_AnyNumber_SameAsItsInvariantText(long value)
    {
        using var a = new CanonicalHasher("t");
        using var b = new CanonicalHasher("t");
        return (a.Add(value).Finish() == b.Add(value.ToString(CultureInfo.InvariantCulture)).Finish()).ToProperty();
    }

    [TestCase(1, 1, 1, "10:0001-01-01;")]
    [TestCase(2018, 3, 31, "10:2018-03-31;")]
    [TestCase(9999, 12, 31, "10:9999-12-31;")]
    public void Add_Date_IsIsoText(int year, int month, int day, string encoded)
    {
        using var h = new CanonicalHasher("t");
        Assert.That(h.Add(new LocalDate(year, month, day)).Finish(), Is.EqualTo(Sha256Hex.OfText("1:t;" + encoded)));
    }

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property Add_AnyDate_SameAsNodaTimesIsoPattern()
    {
        // Any day of the whole range of LocalDate (years -9998 to 9999): the fast path and the fallback.
        var min = LocalDate.MinIsoValue;
        var span = Period.Between(min, LocalDate.MaxIsoValue, PeriodUnits.Days).Days;
        return Prop.ForAll(Gen.Choose(0, span).ToArbitrary(), days =>
        {
            var date = min.PlusDays(days);
            using var a = new CanonicalHasher("t");
            using var b = new CanonicalHasher("t");
            return (a.Add(date).Finish() == b.Add(LocalDatePattern.Iso.Format(date)).Finish()).Label(LocalDatePattern.Iso.Format(date));
        });
    }

    [Test]
    public void Add_DateBeforeYearOne_FallsBackToTheIsoPattern()
    {
        var date = new LocalDate(0, 6, 15);
        using var h = new CanonicalHasher("t");
        Assert.That(h.Add(date).Finish(), Is.EqualTo(Sha256Hex.OfText("1:t;10:0000-06-15;")));
    }

    [Test]
    public void Add_Sha256Value_IsItsLowercaseHex()
    {
        var hex = Sha256Hex.OfText("abc");
        using var h = new CanonicalHasher("t");
        Assert.That(h.Add(Sha256Value.From(Convert.FromHexString(hex))).Finish(), Is.EqualTo(Sha256Hex.OfText("1:t;64:" + hex + ";")));
    }

    [Test]
    public void AddMap_SortedOrdinalOrOtherwise_HashesInOrdinalKeyOrder()
    {
        // "B" < "a" in ordinal order, "a" < "B" ignoring case: the hash follows ordinal order whatever the map's own.
        var expected = Sha256Hex.OfText("1:m;1:2;1:B;1:2;1:a;1:1;");
        var ordinal = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("a", "1"), KeyValuePair.Create("B", "2")]);
        var ignoringCase = ImmutableSortedDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("a", "1"), KeyValuePair.Create("B", "2")]);
        using var a = new CanonicalHasher("m");
        using var b = new CanonicalHasher("m");
        Assert.That((a.AddMap(ordinal).Finish(), b.AddMap(ignoringCase).Finish()), Is.EqualTo((expected, expected)));
    }

    [Test]
    public void ForThread_ReusedAndNested_EachHashAsIfFresh()
    {
        // The thread's hasher is reused after each Finish; one started while it is busy is a new one.
        var first = CanonicalHasher.ForThread("a").Add("x");
        var nested = CanonicalHasher.ForThread("b").Add("y").Finish();
        var firstHash = first.Add(1L).Finish();
        var again = CanonicalHasher.ForThread("a").Add("x").Add(1L).Finish();

        Assert.That(
            (firstHash, nested, again),
            Is.EqualTo((Sha256Hex.OfText("1:a;1:x;1:1;"), Sha256Hex.OfText("1:b;1:y;"), Sha256Hex.OfText("1:a;1:x;1:1;"))));
    }

    [Test]
    public void RunHash_IsTheHashOfItsHeaderAndLineHashesWrittenByHand()
    {
        // The settlement hashes a run from its lines' bytes; what it hashes is the header's fields, then
        // the list of the lines' hex hashes, as CanonicalHasher writes texts and lists.
        var contract = new ContractId("C1");
        PostingLine[] lines =
        [
            PostingLine.Restore(new LineKey(contract, "P1", "", "job_outcome", 0), new ProviderId("PR1"), LineKind.Payment, Money.FromPence(123_456), new LocalDate(2018, 3, 1), new string('a', 64), "job_outcome", [new EvidenceId("E1"), new EvidenceId("E2")]),
            PostingLine.Restore(new LineKey(contract, "P2", "", "sustainment", 3), new ProviderId("PR1"), LineKind.Clawback, Money.FromPence(-40_000), new LocalDate(2018, 3, 31), new string('b', 64), "sustainment", []),
        ];
        var header = new RunHeader(contract, new LocalDate(2018, 3, 31), new LocalDate(2018, 3, 31), "e", ["s"], "d", 2, 2, 2, Money.FromPence(123_456), Money.FromPence(-40_000), Sha256Hex.Genesis, "");

        var expected = new CanonicalHasher("run")
            .Add(Sha256Hex.Genesis).Add("C1").Add("2018-03-31").Add("2018-03-31").Add("e").AddAll(["s"]).Add("d")
            .Add(2).Add(2).Add(2).Add(123_456).Add(-40_000).AddAll([.. lines.Select(l => l.Hash)]).Finish();
        Assert.That(RunHasher.Compute(header, lines.Select(l => l.HashValue)), Is.EqualTo(expected));
        Assert.Throws<ArgumentException>(() => RunHasher.Compute(header, [lines[0].HashValue]), "one line hash for a header of two");
    }

    [Test]
    public void LineHash_IsTheHashOfItsFieldsWrittenByHand()
    {
        var line = PostingLine.Restore(
            new LineKey(new ContractId("C1"), "P1", "", "job_outcome", 2), new ProviderId("PR1"), LineKind.Payment, Money.FromPence(350_000),
            new LocalDate(2018, 3, 1), "sha", "job_outcome", [new EvidenceId("E1"), new EvidenceId("E22")]);
        const string encoded = "4:line;2:C1;3:PR1;2:P1;0:;11:job_outcome;1:2;7:payment;6:350000;10:2018-03-01;3:sha;11:job_outcome;1:2;2:E1;3:E22;";
        Assert.That(line.Hash, Is.EqualTo(Sha256Hex.OfText(encoded)));
    }
}
