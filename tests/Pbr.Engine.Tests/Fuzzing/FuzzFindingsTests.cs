using System.Text;
using Pbr.Engine.Import;
using Pbr.Engine.Reconciliation;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Fuzzing;

/// <summary>What the long fuzz runs found, pinned as plain tests so that it stays fixed.</summary>
[Category("Faults")]
public sealed class FuzzFindingsTests
{
    [Test]
    public void ClaimsReader_LongBadAmount_MessageQuotesAtMost40CharactersOfIt()
    {
        // Found by PBR_FUZZ_CASES=10000 (claims, case 3308, long-field): the reason from Money.Parse
        // quoted the whole 1,000-character field back, past the importers' 40-character echo.
        var amount = new string('9', 990) + ".123";
        var file = $"participant_id,outcome,instalment,amount,claimed_on\nP1,job_outcome,1,{amount},2012-01-05\n";

        var result = ClaimsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(file)), "claims.csv");

        var problem = result.Problems.Single();
        Assert.That((problem.Line, problem.Column, problem.Code), Is.EqualTo((2, 4, "PBR5041")));
        Assert.That(problem.Message, Is.EqualTo(
            $"amount '{new string('9', 40)}…' is not an amount in pounds: '{new string('9', 40)}…' must have one or two digits after the decimal point"));
    }

    [Test]
    public void RejectsWriter_RowsWithMoreAndFewerFieldsThanTheHeader_WrittenAsRead()
    {
        // Found by the pbr import fuzz test (case 34, delimiter, --skip-bad-rows): a row with an extra
        // comma made CsvHelper's writer throw, and pbr import died with an unhandled exception.
        var result = Participants("participant_id,contract_id,start_date,payment_group\n"
            + "P1,WP-CPA1-ALPHA,2012-01-10,JSA 18-24\n"
            + "P2,WP-CPA1-ALPHA,2012-01-10,JSA,18-24\n"
            + "P3,WP-CPA1-ALPHA\n");
        Assert.That(result.CanSkipBadRows, Is.True);
        var writer = new StringWriter();

        RejectsWriter.Write(writer, result);

        Assert.That(writer.ToString(), Is.EqualTo(
            "line,reason,participant_id,contract_id,start_date,payment_group\n"
            + "3,PBR5006 (column 5): the record has 5 fields but the header has 4,P2,WP-CPA1-ALPHA,2012-01-10,JSA,18-24\n"
            + "4,PBR5006 (column 3): the record has 2 fields but the header has 4,P3,WP-CPA1-ALPHA\n"));
    }

    [Test]
    public void ParticipantsReader_NulInATextAttribute_RefusedAtItsColumn()
    {
        // Found by HostileValueTests: a NUL passed every check, then PostgreSQL refused the row
        // (22P05) and pbr import died with an unhandled exception.
        var result = Participants("participant_id,contract_id,start_date,age,income,share,veteran,referred_on,note\n"
            + "T1,TYPED-1,2020-01-01,42,1200.00,0.55,true,2019-12-01,a\0b\n", TypedOnly);

        Assert.That(Rendered(result), Is.EqualTo(new[] { "participants.csv(2,9): error PBR5017: note holds a NUL character (U+0000), which no value may contain" }));
        Assert.That(result.Rows, Is.Empty);
    }
}
