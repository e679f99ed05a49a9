using System.Diagnostics;
using System.Text;
using Pbr.Engine.Import;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Import;

/// <summary>
/// Random and mutated input never makes a reader throw or hang: every outcome is rows and
/// problems. Seeded, so a failure names the seed and case that reproduce it.
/// </summary>
[Category("Faults")]
public sealed class ReaderFuzzTests
{
    private const int Cases = 1500;

    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(2);

    private static readonly byte[] ValidParticipants = Encoding.UTF8.GetBytes(
        "participant_id,contract_id,start_date,payment_group\r\n"
        + "P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\r\n"
        + "\"P2\",WP-CPA2-BETA,2012-04-01,\"JSA 18-24\"\r\n"
        + "R1,RO-PILOT-NORTH,2012-01-15,\r\n");

    private static readonly byte[] ValidEvidence = Encoding.UTF8.GetBytes(
        "evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n"
        + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,verified,2011-09-05\n"
        + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,revoked,2012-01-15\n"
        + "X1,R1,RO-PILOT-NORTH,proven_reoffence,2012-06-01,,verified,2012-08-01\n");

    // Bytes that matter to CSV, to UTF-8 and to dates, weighted in over uniform noise.
    private static readonly byte[] Interesting = [(byte)',', (byte)'"', (byte)'\r', (byte)'\n', (byte)'-', (byte)'0', (byte)'9', 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0x00, (byte)' '];

    [TestCase(20251125)]
    [TestCase(7)]
    public void Read_MutatedInput_NeverThrows(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var source = i % 2 == 0 ? ValidParticipants : ValidEvidence;
            var bytes = i % 10 == 9 ? Noise(random) : Mutate(source, random);
            AssertReadsCleanly(bytes, $"seed {seed}, case {i}");
        }
    }

    [Test]
    public void Read_UnclosedQuoteAtStartOfLargeInput_Bounded()
    {
        var bytes = Encoding.UTF8.GetBytes("\"" + string.Concat(Enumerable.Repeat("P1,WP-CPA1-ALPHA,2011-06-01,JSA 25+\n", 60_000)));

        var watch = Stopwatch.StartNew();
        var result = Participants(bytes);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(result.IsClean, Is.False);
        Assert.That(result.Rows, Is.Empty);
    }

    private static void AssertReadsCleanly(byte[] bytes, string label)
    {
        var watch = Stopwatch.StartNew();
        ImportResult<Pbr.Core.Model.Participant>? participants = null;
        ImportResult<Pbr.Core.Model.EvidenceVersion>? evidence = null;
        Assert.That(() => participants = Participants(bytes), Throws.Nothing, label);
        Assert.That(() => evidence = EvidenceReader.Read(new MemoryStream(bytes), "evidence.csv", Samples, Known), Throws.Nothing, label);
        Assert.That(watch.Elapsed, Is.LessThan(PerCase), label);

        // Whatever happened, it is accounted for: a problem has a place, and a rejected row a reason.
        foreach (var problem in participants!.Problems.Concat(evidence!.Problems))
        {
            Assert.That(problem.Line >= 1 && problem.Column >= 1 && problem.Code.StartsWith("PBR5", StringComparison.Ordinal), Is.True, $"{label}: {problem}");
        }

        Assert.That(participants.Rejected.All(r => !r.Problems.IsEmpty), Is.True, label);
        Assert.That(participants.IsClean || !participants.Problems.IsEmpty, Is.True, label);
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var edits = random.Next(1, 8);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, Pick(random));
                    break;
                case 2:
                    bytes[at] = Pick(random);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'x', random.Next(1, 12_000)));
                    break;
                default:
                    var from = random.Next(bytes.Count);
                    var length = Math.Min(random.Next(1, 40), bytes.Count - from);
                    bytes.InsertRange(at, bytes.GetRange(from, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static byte Pick(Random random) =>
        random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];

    private static byte[] Noise(Random random)
    {
        var bytes = new byte[random.Next(0, 2000)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Pick(random);
        }

        return bytes;
    }
}
