using System.Text;
using Pbr.Engine.Reconciliation;

namespace Pbr.Engine.Tests.Reconciliation;

/// <summary>The claims file is read with the importers' checks: exact messages, lines and columns.</summary>
public sealed class ClaimsReaderTests
{
    [Test]
    public void Read_GoodFileColumnsInAnyOrder_EveryClaim()
    {
        var result = Read("amount,participant_id,outcome,instalment,claimed_on\r\n\"1,200.00\",P1,job_outcome,1,2012-01-05\r\n170.00,P1,sustainment,1,2012-01-05\r\n");

        Assert.That(result.IsClean, Is.True, string.Join("\n", result.Problems));
        Assert.That(result.Rows.Select(r => (r.Line, r.Value.Outcome, r.Value.Amount.Pence)), Is.EqualTo(new[] { (2, "job_outcome", 120_000L), (3, "sustainment", 17_000L) }));
    }

    [Test]
    public void Read_BadAmountAndInstalment_EachNamedWithLineAndColumn()
    {
        var result = Read("participant_id,outcome,instalment,amount,claimed_on\nP1,job_outcome,0,12.345,2012-01-05\n");

        Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "claims.csv(2,3): error PBR5040: instalment '0' is not a whole number from 1",
            "claims.csv(2,4): error PBR5041: amount '12.345' is not an amount in pounds: '12.345' must have one or two digits after the decimal point",
        }));
        Assert.That(result.Rows, Is.Empty);
    }

    [Test]
    public void Read_SameKeyTwiceWithDifferentAmounts_ConflictNamingTheFirstLine()
    {
        var result = Read("participant_id,outcome,instalment,amount,claimed_on\nP1,job_outcome,1,1200.00,2012-01-05\nP1,job_outcome,1,1300.00,2012-01-05\n");

        Assert.That(result.Problems.Single().ToString(),
            Is.EqualTo("claims.csv(3,2): error PBR5042: job_outcome 1 of participant 'P1' is already claimed on line 2 with different values"));
    }

    private static Pbr.Engine.Import.ImportResult<Claim> Read(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return ClaimsReader.Read(stream, "claims.csv");
    }
}
