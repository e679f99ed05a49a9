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
        ArgumentNullException.ThrowIfNull(lineHashesInKeyOrder);
        using var h = new CanonicalHasher("run");
        AddHeader(h, prevHash, contract, asOf, knownAt, engineVersion, tariffSha256s, inputDigest, participantCount, evidenceCount, lineHashesInKeyOrder.Count, payments, clawbacks)
            .AddAll(lineHashesInKeyOrder);
        return h.Finish();
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
        using var h = new CanonicalHasher("run");
        AddHeader(h, prevHash, contract, asOf, knownAt, engineVersion, tariffSha256s, inputDigest, participantCount, evidenceCount, lines.Count, payments, clawbacks)
            .Add(lines.Count);

        // The lines' hashes as AddAll writes a list of their hex texts (count, then each), from their bytes.
        foreach (var line in lines)
        {
            h.Add(line.HashValue);
        }

        return h.Finish();
    }

    private static CanonicalHasher AddHeader(
        CanonicalHasher h,
        string prevHash,
        ContractId contract,
        LocalDate asOf,
        LocalDate knownAt,
        string engineVersion,
        IEnumerable<string> tariffSha256s,
        string inputDigest,
        int participantCount,
        int evidenceCount,
        int lineCount,
        Money payments,
        Money clawbacks) =>
        h.Add(prevHash)
            .Add(contract.Value)
            .Add(asOf)
            .Add(knownAt)
            .Add(engineVersion)
            .AddAll(tariffSha256s)
            .Add(inputDigest)
            .Add(participantCount)
            .Add(evidenceCount)
            .Add(lineCount)
            .Add(payments)
            .Add(clawbacks);
}
