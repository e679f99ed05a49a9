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
            .ToList();

        // Positions are sorted rather than rows (a fraction of LINQ's memory for millions of rows), and the
        // position breaks ties, so the order is the one a stable sort gives.
        var versions = evidence as IReadOnlyList<EvidenceVersion> ?? [.. evidence];
        var order = new int[versions.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            var a = versions[x];
            var b = versions[y];
            var c = string.CompareOrdinal(a.Contract.Value, b.Contract.Value);
            if (c == 0) c = string.CompareOrdinal(a.Id.Value, b.Id.Value);
            if (c == 0) c = a.RecordedOn.CompareTo(b.RecordedOn);
            return c != 0 ? c : x.CompareTo(y);
        });

        // Each row's hash is added as it is made (count first, as AddAll writes a list), so millions of
        // rows never hold millions of hash strings at once; the bytes hashed are exactly AddAll's.
        using var h = new CanonicalHasher("inputs");
        h.Add(people.Count);
        foreach (var p in people)
        {
            h.Add(RowHashes.ValueOf(p));
        }

        h.Add(order.Length);
        foreach (var i in order)
        {
            h.Add(RowHashes.ValueOf(versions[i]));
        }

        return h.Finish();
    }
}
