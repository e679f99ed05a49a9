namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>What a file says about its own keys: the first row of each key, in key order, and the rows in conflict with an earlier row.</summary>
/// <param name="FirstOfKey">The index of the first row (by line) of each key, in key order.</param>
/// <param name="Conflicts">The rows that contradict an earlier row of the same file, by line.</param>
internal sealed record FileKeyCheck(int[] FirstOfKey, IReadOnlyList<ImportConflict> Conflicts);

/// <summary>The order in which a file's rows are checked and staged: by key, then by line.</summary>
internal static class FileKeys
{
    /// <summary>Returns the indices of <paramref name="rows"/> sorted by <paramref name="compareKeys"/>, then by line.</summary>
    public static int[] Order<T>(IReadOnlyList<ImportRow<T>> rows, Comparison<T> compareKeys)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var order = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = compareKeys(rows[a].Row, rows[b].Row);
            return c != 0 ? c : rows[a].Line.CompareTo(rows[b].Line);
        });
        return order;
    }
}
