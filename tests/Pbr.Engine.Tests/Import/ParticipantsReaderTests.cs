using System.Text;
using Pbr.Core;
using Pbr.Core.Model;
using NodaTime;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Import;

public sealed class ParticipantsReaderTests
{
    private const string Header = "participant_id,contract_id,start_date,payment_group\n";

    private const string Groups =
        "'JSA 18-24', 'JSA 25+', 'JSA Early Access', 'JSA Ex-IB', 'ESA Volunteers', 'New ESA Claimants', 'ESA Ex-IB', 'IB/IS', 'JSA Prison Leavers'";

    [Test]
    public void Read_ValidFile_GivesParticipantsWithLines()
    {
        var result = Participants(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP2,WP-CPA2-BETA,2016-03-31,ESA Ex-IB\n");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 3 }));
        var first = result.Rows[0].Value;
        Assert.That(first.Id, Is.EqualTo(new ParticipantId("P1")));
        Assert.That(first.Contract, Is.EqualTo(new ContractId("WP-CPA1-ALPHA")));
        Assert.That(first.StartDate, Is.EqualTo(new LocalDate(2011, 6, 1)));
        Assert.That(first.Attributes, Is.EqualTo(Attributes(("payment_group", "JSA 25+"))));
        Assert.That(result.Header, Is.EqualTo(new[] { "participant_id", "contract_id", "start_date", "payment_group" }));
    }

    [Test]
    public void Read_ColumnsInAnyOrder_CrLf_QuotedFields()
    {
        var result = Participants(
            "payment_group,start_date,participant_id,contract_id\r\n\"JSA 18-24\",2012-01-02,P1,\"WP-CPA1-ALPHA\"\r\nIB/IS,2013-05-06,P2,WP-CPA1-ALPHA\r\n");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Rows.Select(r => (r.Line, r.Value.Id.Value, r.Value.Attributes["payment_group"])),
            Is.EqualTo(new[] { (2, "P1", "JSA 18-24"), (3, "P2", "IB/IS") }));
    }

    [Test]
    public void Read_QuotedCommaAndLineBreak_KeepsTextAndLineNumbers()
    {
        // The note of T1 spans lines 2 and 3, so the next record starts on line 4.
        var result = Participants(
            "participant_id,contract_id,start_date,age,income,share,veteran,referred_on,note\n"
            + "T1,TYPED-1,2020-01-01,42,1200.00,0.55,true,2019-12-01,\"Smith, J.\nsays \"\"hi\"\"\"\n"
            + "T2,TYPED-1,2020-01-02,-3,-5.5,1,false,2019-12-02,x\n",
            TypedOnly);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Rows[0].Value.Attributes["note"], Is.EqualTo("Smith, J.\nsays \"hi\""));
        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 4 }));
    }

    [Test]
    public void Read_Utf8ByteOrderMark_Ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n")).ToArray();

        var result = Participants(bytes);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Rows, Has.Length.EqualTo(1));
    }

    [Test]
    public void Read_HeaderOnly_NoRowsNoProblems()
    {
        var result = Participants(Header);

        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows, Is.Empty);
    }

    [TestCase("")]
    [TestCase("\n\n")]
    public void Read_EmptyFile_Pbr5001(string text)
    {
        var result = Participants(text);

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(1,1): error PBR5001: the file is empty; expected a header row with the columns participant_id, contract_id, start_date, payment_group",
        }));
        Assert.That(result.CanSkipBadRows, Is.False);
    }

    [Test]
    public void Read_WrongHeader_UnknownAndMissingColumns()
    {
        var result = Participants("participant,contract_id,Start_Date,payment_group\nP1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(1,1): error PBR5003: unknown column 'participant'; no scheme of the contracts being imported declares it",
            "participants.csv(1,3): error PBR5003: unknown column 'Start_Date'; did you mean 'start_date'?",
            "participants.csv(1,1): error PBR5002: missing column 'participant_id', which every participants file needs",
            "participants.csv(1,1): error PBR5002: missing column 'start_date', which every participants file needs",
        }));
        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.CanSkipBadRows, Is.False);
    }

    [Test]
    public void Read_DuplicateColumn_Pbr5004()
    {
        var result = Participants("participant_id,contract_id,start_date,payment_group,start_date\n");

        Assert.That(Rendered(result), Is.EqualTo(new[] { "participants.csv(1,5): error PBR5004: column 'start_date' appears twice; it is already column 3" }));
    }

    [Test]
    public void Read_MissingDeclaredAttributeColumn_ReportedOnceAndRowsRejected()
    {
        var result = Participants("participant_id,contract_id,start_date\nP1,WP-CPA1-ALPHA,2011-06-01\nP2,WP-CPA1-ALPHA,2011-06-01\nR1,RO-PILOT-NORTH,2012-01-15\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(1,1): error PBR5002: missing column 'payment_group', which scheme work_programme declares",
        }));
        Assert.That(result.Rejected.Select(r => r.Line), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(result.Rows.Single().Value.Id.Value, Is.EqualTo("R1"));
        Assert.That(result.CanSkipBadRows, Is.False);
    }

    [Test]
    public void Read_UnknownColumn_IsAnError()
    {
        var result = Participants("participant_id,contract_id,start_date,payment_group,postcode\nP1,WP-CPA1-ALPHA,2011-06-01,JSA 25+,AB1 2CD\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(1,5): error PBR5003: unknown column 'postcode'; no scheme of the contracts being imported declares it",
        }));
    }

    [TestCase("2011-13-01")]
    [TestCase("2011-6-1")]
    [TestCase("01/06/2011")]
    [TestCase("2011-02-29")]
    [TestCase("-011-06-01")]
    public void Read_BadDate_Pbr5012(string date)
    {
        var result = Participants(Header + $"P1,WP-CPA1-ALPHA,{date},JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"participants.csv(2,3): error PBR5012: start_date '{date}' is not a date of the form yyyy-MM-dd",
        }));
        Assert.That(result.CanSkipBadRows, Is.True);
    }

    [TestCase("2011-05-31")]
    [TestCase("2016-04-01")]
    public void Read_StartOutsideContractDates_Pbr5013(string date)
    {
        var result = Participants(Header + $"P1,WP-CPA2-BETA,{date},JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"participants.csv(2,3): error PBR5013: start_date {date} is outside the dates contract WP-CPA2-BETA accepts (2011-06-01 to 2016-03-31)",
        }));
    }

    [Test]
    public void Read_UnknownContract_Pbr5011()
    {
        var result = Participants(Header + "P1,WP-CPA9-GAMMA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(2,2): error PBR5011: unknown contract 'WP-CPA9-GAMMA' (known: RO-PILOT-NORTH, WP-CPA1-ALPHA, WP-CPA2-BETA)",
        }));
    }

    [Test]
    public void Read_BadParticipantId_Pbr5010()
    {
        var result = Participants(Header + "P 1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(2,1): error PBR5010: participant_id: 'P 1' has a character other than A-Z, a-z, 0-9, '_' or '-'",
        }));
    }

    [Test]
    public void Read_ValueNotInEnumeration_Pbr5014()
    {
        var result = Participants(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 99+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"participants.csv(2,4): error PBR5014: payment_group 'JSA 99+' is not one of {Groups}",
        }));
    }

    [Test]
    public void Read_EmptyRequiredFields_Pbr5015ForEach()
    {
        var result = Participants(Header + ",WP-CPA1-ALPHA,,\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(2,1): error PBR5015: participant_id is required and is empty",
            "participants.csv(2,3): error PBR5015: start_date is required and is empty",
            "participants.csv(2,4): error PBR5015: payment_group is required and is empty",
        }));
    }

    [Test]
    public void Read_TenThousandCharacterField_Pbr5008()
    {
        var result = Participants(Header + $"P1,WP-CPA1-ALPHA,2011-06-01,{new string('x', 10_000)}\nP2,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(2,4): error PBR5008: payment_group is 10,000 characters long; at most 1,000 are accepted",
        }));
        Assert.That(result.Rows.Single().Line, Is.EqualTo(3));
    }

    [Test]
    public void Read_TenThousandCharacterId_Pbr5008()
    {
        var result = Participants(Header + $"{new string('P', 10_000)},WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(2,1): error PBR5008: participant_id is 10,000 characters long; at most 1,000 are accepted",
        }));
    }

    [Test]
    public void Read_InvalidUtf8_Pbr5005AtTheField()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP2,WP-CPA1-ALPHA,2011-06-01,JSA ")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\nP3,WP-CPA1-ALPHA,2011-06-01,IB/IS\n"))
            .ToArray();

        var result = Participants(bytes);

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(3,4): error PBR5005: the field is not valid UTF-8; save the file as UTF-8",
        }));
        Assert.That(result.Rows.Select(r => r.Value.Id.Value), Is.EqualTo(new[] { "P1", "P3" }));
    }

    [Test]
    public void Read_Latin1File_Pbr5005()
    {
        // "Zoë" in Latin-1 is 5A 6F EB: EB starts a three-byte UTF-8 sequence that never comes.
        var bytes = Encoding.Latin1.GetBytes("participant_id,contract_id,start_date,payment_group\nZoë,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(Participants(bytes)), Is.EqualTo(new[]
        {
            "participants.csv(2,1): error PBR5005: the field is not valid UTF-8; save the file as UTF-8",
        }));
    }

    [Test]
    public void Read_Utf16WithoutByteOrderMark_Pbr5005()
    {
        var bytes = Encoding.Unicode.GetBytes(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(Participants(bytes)), Is.EqualTo(new[]
        {
            "participants.csv(1,1): error PBR5005: the file is not UTF-8: its header is full of NUL characters, as UTF-16 text is; save the file as UTF-8",
        }));
    }

    [Test]
    public void Read_Utf16WithByteOrderMark_IsTranscoded()
    {
        // A byte order mark says exactly what the text is, so nothing is guessed.
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "Zoe,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n")).ToArray();

        var result = Participants(bytes);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Rows.Single().Value.Id.Value, Is.EqualTo("Zoe"));
    }

    [TestCase("P1,WP-CPA1-ALPHA,2011-06-01\n", 4, 3)]
    [TestCase("P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+,extra\n", 5, 5)]
    public void Read_WrongFieldCount_Pbr5006(string row, int column, int found)
    {
        var result = Participants(Header + row);

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"participants.csv(2,{column}): error PBR5006: the record has {found} fields but the header has 4",
        }));
    }

    [TestCase("P1,WP-CPA1-ALPHA,2011-06-01,JSA \"25+\n", 4, "a quote inside an unquoted field")]
    [TestCase("P1,\"WP-CPA1-ALPHA\"x,2011-06-01,JSA 25+\n", 2, "text after the closing quote of a quoted field")]
    public void Read_MalformedQuoting_Pbr5007(string row, int column, string reason)
    {
        var result = Participants(Header + row + "P2,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"participants.csv(2,{column}): error PBR5007: malformed quoting: {reason}; a field with a comma, quote or line break must be enclosed in double quotes, with quotes inside doubled",
        }));
        Assert.That(result.Rows.Single().Line, Is.EqualTo(3));
    }

    [Test]
    public void Read_UnclosedQuote_Pbr5007AndNoException()
    {
        var result = Participants(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP2,\"WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP3,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(result.Problems.Select(p => (p.Line, p.Column, p.Code)), Is.EqualTo(new[] { (3, 2, "PBR5007") }));
        Assert.That(result.Problems[0].Message, Does.StartWith("malformed quoting: a quoted field is never closed"));
        Assert.That(result.Rows.Single().Value.Id.Value, Is.EqualTo("P1"));
    }

    [Test]
    public void Read_IdenticalDuplicate_OneEffect()
    {
        var result = Participants(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n");

        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows, Has.Length.EqualTo(1));
        Assert.That(result.DuplicateRows, Is.EqualTo(1));
    }

    [Test]
    public void Read_SameIdOnAnotherContract_NotADuplicate()
    {
        var result = Participants(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP1,WP-CPA2-BETA,2011-07-01,IB/IS\n");

        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows, Has.Length.EqualTo(2));
    }

    [Test]
    public void Read_DuplicateKeyDifferentContent_Pbr5030()
    {
        var result = Participants(Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP2,WP-CPA1-ALPHA,2011-06-01,IB/IS\nP1,WP-CPA1-ALPHA,2011-06-02,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(4,1): error PBR5030: participant 'P1' of contract WP-CPA1-ALPHA is already on line 2 with different values",
        }));
        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void Read_ManyProblems_AllCollectedInFileOrder()
    {
        var result = Participants(
            Header
            + "P 1,WP-CPA1-ALPHA,2011-13-01,JSA 25+\n"
            + "P2,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n"
            + "P3,NOPE,2011-06-01,JSA 25+\n"
            + "P4,WP-CPA1-ALPHA,2011-06-01,Nobody\n");

        Assert.That(result.Problems.Select(p => (p.Line, p.Column, p.Code)), Is.EqualTo(new[]
        {
            (2, 1, "PBR5010"), (2, 3, "PBR5012"), (4, 2, "PBR5011"), (5, 4, "PBR5014"),
        }));
        Assert.That(result.Rejected.Select(r => r.Line), Is.EqualTo(new[] { 2, 4, 5 }));
        Assert.That(result.Rejected[0].Fields, Is.EqualTo(new[] { "P 1", "WP-CPA1-ALPHA", "2011-13-01", "JSA 25+" }));
        Assert.That(result.Rows.Single().Line, Is.EqualTo(3));
        Assert.That(result.CanSkipBadRows, Is.True);
    }

    [Test]
    public void Read_AttributeOfAnotherScheme_MustBeEmpty_Pbr5016()
    {
        var result = Participants(Header + "R1,RO-PILOT-NORTH,2012-01-15,\nR2,RO-PILOT-NORTH,2012-01-15,JSA 25+\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "participants.csv(3,4): error PBR5016: payment_group must be empty here: scheme reoffending does not declare it for this row",
        }));
        Assert.That(result.Rows.Single().Value.Attributes, Is.Empty);
    }

    [TestCase("age", "4.5", "a whole number")]
    [TestCase("income", "£12.00", "an amount in pounds with two decimals, such as 1200.00")]
    [TestCase("income", "12.345", "an amount in pounds with two decimals, such as 1200.00")]
    [TestCase("share", "1e-3", "a decimal number, such as 0.55")]
    [TestCase("veteran", "yes", "true or false")]
    [TestCase("referred_on", "2019-02-30", "a date of the form yyyy-MM-dd")]
    public void Read_AttributeOfWrongType_Pbr5014(string column, string value, string expected)
    {
        var values = new Dictionary<string, string>
        {
            ["age"] = "42", ["income"] = "1200.00", ["share"] = "0.55", ["veteran"] = "true", ["referred_on"] = "2019-12-01", ["note"] = "n",
        };
        values[column] = value;
        string[] order = ["age", "income", "share", "veteran", "referred_on", "note"];

        var result = Participants(
            "participant_id,contract_id,start_date," + string.Join(",", order) + "\nT1,TYPED-1,2020-01-01," + string.Join(",", order.Select(c => values[c])) + "\n",
            TypedOnly);

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"participants.csv(2,{4 + Array.IndexOf(order, column)}): error PBR5014: {column} '{value}' is not {expected}",
        }));
    }

    [Test]
    public void Read_TextReader_SameAsStream()
    {
        var text = Header + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\nP2,WP-CPA1-ALPHA,2011-13-01,JSA 25+\n";

        var fromText = Pbr.Engine.Import.ParticipantsReader.Read(new StringReader(text), "participants.csv", Samples);

        Assert.That(Rendered(fromText), Is.EqualTo(Rendered(Participants(text))));
        Assert.That(fromText.Rows.Single().Value, Is.EqualTo(Participants(text).Rows.Single().Value).Using<Participant>((a, b) => a.Id == b.Id && a.StartDate == b.StartDate));
    }
}
