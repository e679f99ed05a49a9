using NodaTime;
using Pbr.Core;
using Pbr.Engine.Hashing;

namespace Pbr.Engine.Settlement;

/// <summary>
/// The run hash: SHA-256 over the previous run's hash, the header fields and every line hash in key
/// order. The run id and the clock are left out, so a dry run hashes exactly as the real run would.
/// </summary>
public static class RunHasher
{
    /// <summary>Computes a run's hash.</summary>
    public static string Compute(
        string prevHash,
        ContractId contract,
        LocalDate asOf,
        LocalDate knownAt,
        string engineVersion,
        IEnumerable<string> tariffSha256s,
        string inputDigest,
        int participantCount,
        int evidenceCount,
        IReadOnlyList<string> lineHashesInKeyOrder,
        Money payments,
        Money clawbacks)
    {
        using var h = new CanonicalHasher("run");
        return h.Add(prevHash)
            .Add(contract.Value)
            .Add(asOf)
            .Add(knownAt)
            .Add(engineVersion)
            .AddAll(tariffSha256s)
            .Add(inputDigest)
            .Add(participantCount)
            .Add(evidenceCount)
            .Add(lineHashesInKeyOrder.Count)
            .Add(payments)
            .Add(clawbacks)
            .AddAll(lineHashesInKeyOrder)
            .Finish();
    }

    /// <summary>Computes the hash of a run of <paramref name="lines"/>, in key order, without gathering their hashes first.</summary>
    public static string Compute(
        string prevHash,
        ContractId contract,
        LocalDate asOf,
        LocalDate knownAt,
        string engineVersion,
        IEnumerable<string> tariffSha256s,
        string inputDigest,
        int participantCount,
        int evidenceCount,
        IReadOnlyList<PostingLine> lines,
        Money payments,
        Money clawbacks)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Compute(
            prevHash, contract, asOf, knownAt, engineVersion, tariffSha256s, inputDigest, participantCount, evidenceCount,
            new LineHashes(lines), payments, clawbacks);
    }

    /// <summary>The lines' hashes as a list, each written when it is read (a line keeps its hash as bytes).</summary>
    private sealed class LineHashes(IReadOnlyList<PostingLine> lines) : IReadOnlyList<string>
    {
        public int Count => lines.Count;

        public string this[int index] => lines[index].Hash;

        public IEnumerator<string> GetEnumerator()
        {
            foreach (var line in lines)
            {
                yield return line.Hash;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
