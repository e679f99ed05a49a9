using Pbr.Core.Model;

namespace Pbr.Engine.Hashing;

/// <summary>
/// The digest of every participant row and evidence version a run read, in key order, so the same
/// inputs give the same digest whatever order the database returned them in.
/// </summary>
public static class InputDigest
{
    /// <summary>Computes the digest of a run's inputs, hashing each row.</summary>
    public static string Of(IEnumerable<Participant> participants, IEnumerable<EvidenceVersion> evidence) =>
        Of(participants as IReadOnlyList<Participant> ?? [.. participants], evidence as IReadOnlyList<EvidenceVersion> ?? [.. evidence], stored: null);

    /// <summary>
    /// Computes the digest of a run's inputs from <paramref name="stored"/>, the hashes the ledger holds
    /// for the rows, or (when null) by hashing each row: the same bytes either way when the stored hashes are the rows'.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="stored"/> does not have one hash per row.</exception>
    public static string Of(IReadOnlyList<Participant> participants, IReadOnlyList<EvidenceVersion> evidence, InputHashes? stored)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(evidence);
        if (stored is not null && (stored.Participants.Count != participants.Count || stored.Evidence.Count != evidence.Count))
        {
            throw new ArgumentException("The stored hashes must be one per participant and one per evidence version.", nameof(stored));
        }

        // Positions are sorted rather than rows (a fraction of LINQ's memory for millions of rows), and the
        // position breaks ties, so the order is the one a stable sort gives.
        var people = Order(participants, (a, b) =>
        {
            var c = string.CompareOrdinal(a.Contract.Value, b.Contract.Value);
            return c != 0 ? c : string.CompareOrdinal(a.Id.Value, b.Id.Value);
        });
        var versions = Order(evidence, (a, b) =>
        {
            var c = string.CompareOrdinal(a.Contract.Value, b.Contract.Value);
            if (c == 0) c = string.CompareOrdinal(a.Id.Value, b.Id.Value);
            return c != 0 ? c : a.RecordedOn.CompareTo(b.RecordedOn);
        });

        // Each row's hash is added as it is made (count first, as AddAll writes a list), so millions of
        // rows never hold millions of hash strings at once; the bytes hashed are exactly AddAll's.
        using var h = new CanonicalHasher("inputs");
        h.Add(people.Length);
        foreach (var i in people)
        {
            h.Add(stored?.Participants[i] ?? RowHashes.ValueOf(participants[i]));
        }

        h.Add(versions.Length);
        foreach (var i in versions)
        {
            h.Add(stored?.Evidence[i] ?? RowHashes.ValueOf(evidence[i]));
        }

        return h.Finish();
    }

    private static int[] Order<T>(IReadOnlyList<T> rows, Comparison<T> compare)
    {
        var order = new int[rows.Count];
        var sorted = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            sorted &= i == 0 || compare(rows[i - 1], rows[i]) <= 0;
        }

        // Rows read in key order (the usual case) need no sort; equal keys then stay in position order.
        if (!sorted)
        {
            Array.Sort(order, (x, y) =>
            {
                var c = compare(rows[x], rows[y]);
                return c != 0 ? c : x.CompareTo(y);
            });
        }

        return order;
    }
}
