using Pbr.Engine.Import;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Import;

public sealed class RejectsWriterTests
{
    [Test]
    public void Write_RejectedRows_LineReasonThenRawFields()
    {
        var result = Participants(
            "participant_id,contract_id,start_date,payment_group\n"
            + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n"
            + "P2,WP-CPA1-ALPHA,2011-13-01,\"JSA, 25+\"\n"
            + "P3,NOPE,2011-06-01,IB/IS\n");
        var writer = new StringWriter();

        RejectsWriter.Write(writer, result);

        Assert.That(writer.ToString(), Is.EqualTo(
            "line,reason,participant_id,contract_id,start_date,payment_group\n"
            + "3,\"PBR5012 (column 3): start_date '2011-13-01' is not a date of the form yyyy-MM-dd; "
            + "PBR5014 (column 4): payment_group 'JSA, 25+' is not one of 'JSA 18-24', 'JSA 25+', 'JSA Early Access', 'JSA Ex-IB', 'ESA Volunteers', 'New ESA Claimants', 'ESA Ex-IB', 'IB/IS', 'JSA Prison Leavers'\","
            + "P2,WP-CPA1-ALPHA,2011-13-01,\"JSA, 25+\"\n"
            + "4,\"PBR5011 (column 2): unknown contract 'NOPE' (known: RO-PILOT-NORTH, WP-CPA1-ALPHA, WP-CPA2-BETA)\",P3,NOPE,2011-06-01,IB/IS\n"));
    }

    [Test]
    public void Write_AwkwardFields_ReadBackExactly()
    {
        // A stray quote and a quoted line break: the rejects file must give back the very fields read.
        var result = Participants("participant_id,contract_id,start_date,payment_group\nP-1,WP-CPA1-ALPHA,2011-06-01,\"a\nb, \"\"c\"\"\"\n");
        var writer = new StringWriter();

        RejectsWriter.Write(writer, result);
        using var reader = CsvHelper.CsvReader.FromText(writer.ToString(), CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        Assert.That(result.Rejected.Single().Fields, Is.EqualTo(new[] { "P-1", "WP-CPA1-ALPHA", "2011-06-01", "a\nb, \"c\"" }));
        Assert.That(reader.Headers, Is.EqualTo(new[] { "line", "reason", "participant_id", "contract_id", "start_date", "payment_group" }));
        Assert.That(records.Single()[2..], Is.EqualTo(result.Rejected.Single().Fields));
        Assert.That(records.Single()[0], Is.EqualTo("2"));
        Assert.That(records.Single()[1], Does.StartWith("PBR5014 (column 4): payment_group 'a\nb, \"c\"' is not one of"));
    }
}
