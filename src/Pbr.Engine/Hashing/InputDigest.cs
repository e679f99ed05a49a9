using Pbr.Core.Model;

namespace Pbr.Engine.Hashing;

/// <summary>
/// The digest of every participant row and evidence version a run read, in key order, so the same
/// inputs give the same digest whatever order the database returned them in.
/// </summary>
public static class InputDigest
{
    /// <summary>Computes the digest of a run's inputs.</summary>
    public static string Of(IEnumerable<Participant> participants, IEnumerable<EvidenceVersion> evidence)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(evidence);
        var people = participants
            .OrderBy(p => p.Contract.Value, StringComparer.Ordinal)
            .ThenBy(p => p.Id.Value, StringComparer.Ordinal)
            .Select(RowHashes.Of)
            .ToList();
        var versions = evidence
            .OrderBy(e => e.Contract.Value, StringComparer.Ordinal)
            .ThenBy(e => e.Id.Value, StringComparer.Ordinal)
            .ThenBy(e => e.RecordedOn)
            .Select(RowHashes.Of)
            .ToList();
        using var h = new CanonicalHasher("inputs");
        return h.AddAll(people).AddAll(versions).Finish();
    }
}
