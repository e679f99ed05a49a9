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
    /// <summary>
    /// Computes the hash of the run <paramref name="header"/> describes, over its fields (all but
    /// <see cref="RunHeader.Hash"/>, which is what is computed) and its <see cref="RunHeader.LineCount"/>
    /// line hashes in key order. The planner gives the lines it priced, the verifier those it reads back.
    /// </summary>
    public static string Compute(RunHeader header, IEnumerable<Sha256Value> lineHashesInKeyOrder)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(lineHashesInKeyOrder);
        using var h = new CanonicalHasher("run");
        h.Add(header.PrevHash)
            .Add(header.Contract.Value)
            .Add(header.AsOf)
            .Add(header.KnownAt)
            .Add(header.EngineVersion)
            .AddAll(header.TariffSha256s)
            .Add(header.InputDigest)
            .Add(header.ParticipantCount)
            .Add(header.EvidenceCount)
            .Add(header.LineCount)
            .Add(header.Payments)
            .Add(header.Clawbacks)
            .Add(header.LineCount);

        // The line hashes as AddAll writes a list of their hex texts (the count above, then each).
        var count = 0;
        foreach (var line in lineHashesInKeyOrder)
        {
            h.Add(line);
            count++;
        }

        return count == header.LineCount
            ? h.Finish()
            : throw new ArgumentException($"The header counts {header.LineCount} lines; {count} line hashes were given.", nameof(lineHashesInKeyOrder));
    }
}
