using System.Buffers.Binary;
using Pbr.Benchmarks.Charts;

namespace Pbr.Benchmarks.Tests.Charts;

/// <summary>The chart of time against N, from the rows tests/perf/e2e.sh appends to <c>RESULTS</c>.</summary>
public sealed class TimeAgainstNTests
{
    // The shape e2e.sh writes, cut to two steps; the 2,000 row appears twice (a rerun).
    private const string Results =
        "utc\tn\tpublish_s\tpublish_mb\tsettle_1_s\tsettle_1_mb\treal_s\tfloor_s\ttotals_equal\n" +
        "2026-11-25T21:00:00Z\t20000\t0.60\t71\t4.10\t300\t9.50\t0.30\tyes\n" +
        "2026-11-25T21:01:00Z\t2000\t0.55\t71\t1.30\t110\t3.40\t0.00\tyes\n" +
        "2026-11-25T21:02:00Z\t2000\t0.50\t71\t1.20\t112\t3.30\t0.09\tyes\n";

    [Test]
    public void Read_E2eRows_SecondsColumnsAreSeriesAndLastRowPerNWins()
    {
        var results = E2eResults.Read(new StringReader(Results), "e2e.tsv");

        Assert.That(results.Series, Is.EqualTo(new[] { "publish", "settle_1", "real", "floor" }));
        Assert.That(results.Runs.Select(r => r.N), Is.EqualTo(new[] { 2000L, 20000L }));
        Assert.That(results.Runs[0].Seconds["settle_1"], Is.EqualTo(1.20));
        Assert.That(results.Runs[0].Seconds["floor"], Is.EqualTo(0.09));
        Assert.That(results.Runs[1].Seconds["real"], Is.EqualTo(9.50));
    }

    [TestCase("n\tx_s\n2000\tfast\n", "e2e.tsv(2): x_s 'fast' is not a number of seconds")]
    [TestCase("n\tx_s\n2000\n", "e2e.tsv(2): 1 fields, the header has 2")]
    [TestCase("n\tx_s\n-5\t1.0\n", "e2e.tsv(2): n '-5' is not a positive whole number")]
    [TestCase("size\tx_s\n2000\t1.0\n", "e2e.tsv(1): no column 'n' in the header")]
    [TestCase("n\tx_s\n", "e2e.tsv: no runs after the header")]
    public void Read_BadFile_SaysWhereAndWhy(string text, string message)
    {
        var thrown = Assert.Throws<FormatException>(() => E2eResults.Read(new StringReader(text), "e2e.tsv"));
        Assert.That(thrown.Message, Is.EqualTo(message));
    }

    [Test]
    public void Draw_E2eRows_IsAPngOfTheChartSize()
    {
        var png = TimeAgainstN.Draw(E2eResults.Read(new StringReader(Results), "e2e.tsv"));

        // The PNG signature, then the IHDR chunk's width and height (big-endian).
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), Is.EqualTo(1000));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)), Is.EqualTo(640));
    }
}
