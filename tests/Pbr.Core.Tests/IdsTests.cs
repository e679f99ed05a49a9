using Pbr.Core;

namespace Pbr.Core.Tests;

public sealed class IdsTests
{
    [TestCase("P000123")]
    [TestCase("a")]
    [TestCase("A-b_9")]
    public void ParticipantIdParse_Valid_Succeeds(string text)
    {
        var result = ParticipantId.Parse(text);

        Assert.That(result.Success, Is.True, result.Error);
        Assert.That(result.Value.Value, Is.EqualTo(text));
        Assert.That(EvidenceId.Parse(text).Value.ToString(), Is.EqualTo(text));
    }

    [TestCase(null, "an id is required")]
    [TestCase("", "an id is required")]
    [TestCase("a b", "'a b' has a character other than A-Z, a-z, 0-9, '_' or '-'")]
    [TestCase("Zoë", "'Zoë' has a character other than A-Z, a-z, 0-9, '_' or '-'")]
    [TestCase("P1\u200B", "'P1\u200B' has a character other than A-Z, a-z, 0-9, '_' or '-'")]
    [TestCase("P.1", "'P.1' has a character other than A-Z, a-z, 0-9, '_' or '-'")]
    public void Parse_Invalid_FailsWithReason(string? text, string reason)
    {
        Assert.That(ParticipantId.Parse(text).Error, Is.EqualTo(reason));
        Assert.That(EvidenceId.Parse(text).Error, Is.EqualTo(reason));
    }

    [Test]
    public void Parse_LengthLimit_Is64()
    {
        Assert.That(ParticipantId.Parse(new string('x', 64)).Success, Is.True);
        Assert.That(ParticipantId.Parse(new string('x', 65)).Error, Is.EqualTo("an id has at most 64 characters, this one has 65"));
        Assert.That(EvidenceId.Parse(new string('x', 10_000)).Error, Is.EqualTo("an id has at most 64 characters, this one has 10000"));
    }

    [Test]
    public void CompareTo_IsOrdinal()
    {
        // Ordinal: 'Z' (0x5A) sorts before 'a' (0x61), whatever the culture says.
        Assert.That(new ParticipantId("Z").CompareTo(new ParticipantId("a")), Is.Negative);
        Assert.That(new ContractId("WP-CPA1-ALPHA").CompareTo(new ContractId("WP-CPA2-BETA")), Is.Negative);
        Assert.That(new EvidenceId("E10").CompareTo(new EvidenceId("E9")), Is.Negative);
    }

    [Test]
    public void ToString_IsTheValue()
    {
        Assert.That(new ContractId("RO-PILOT-NORTH").ToString(), Is.EqualTo("RO-PILOT-NORTH"));
        Assert.That(new ProviderId("Beta Works plc").ToString(), Is.EqualTo("Beta Works plc"));
        Assert.That(new SchemeId("work_programme").ToString(), Is.EqualTo("work_programme"));
        Assert.That(new RunId(42).ToString(), Is.EqualTo("42"));
    }

    [Test]
    public void ParseResult_FailWithoutReason_Throws()
    {
        Assert.That(() => ParseResult<int>.Fail(null!), Throws.ArgumentNullException);
        Assert.That(ParseResult<int>.Ok(3).Value, Is.EqualTo(3));
    }
}
