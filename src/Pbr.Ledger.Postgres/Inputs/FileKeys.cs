namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>What a file says about its own keys: the first row of each key, in key order, and the rows in conflict with an earlier row.</summary>
/// <param name="FirstOfKey">The index of the first row (by line) of each key, in key order.</param>
/// <param name="Conflicts">The rows that contradict an earlier row of the same file, by line.</param>
internal sealed record FileKeyCheck(int[] FirstOfKey, IReadOnlyList<ImportConflict> Conflicts);

/// <summary>The order in which a file's rows are checked and staged: by contract, then by the rest of the key, then by line.</summary>
internal static class FileKeys
{
    /// <summary>
    /// Returns the indices of <paramref name="rows"/> sorted by contract (ordinal), then by
    /// <paramref name="compareWithinContract"/>, then by line.
    /// </summary>
    /// <remarks>
    /// Extracts usually come sorted by id with the contracts interleaved: each contract's rows, taken in
    /// file order, are then in order already, and one pass over them replaces a sort of millions of rows.
    /// </remarks>
    public static int[] Order<T>(IReadOnlyList<ImportRow<T>> rows, Func<T, string> contractOf, Comparison<T> compareWithinContract)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byContract = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        string? lastContract = null;
        List<int> last = [];
        for (var i = 0; i < rows.Count; i++)
        {
            var contract = contractOf(rows[i].Row);
            if (!string.Equals(contract, lastContract, StringComparison.Ordinal))
            {
                if (!byContract.TryGetValue(contract, out last!))
                {
                    last = [];
                    byContract.Add(contract, last);
                }

                lastContract = contract;
            }

            last.Add(i);
        }

        int Compare(int a, int b)
        {
            var c = compareWithinContract(rows[a].Row, rows[b].Row);
            return c != 0 ? c : rows[a].Line.CompareTo(rows[b].Line);
        }

        var order = new int[rows.Count];
        var at = 0;
        foreach (var indices in byContract.Values)
        {
            var span = order.AsSpan(at, indices.Count);
            indices.CopyTo(span);
            if (!InOrder(span, Compare))
            {
                span.Sort(Compare);
            }

            at += indices.Count;
        }

        return order;
    }

    private static bool InOrder(ReadOnlySpan<int> indices, Func<int, int, int> compare)
    {
        for (var k = 1; k < indices.Length; k++)
        {
            if (compare(indices[k - 1], indices[k]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
