using Pbr.Ledger.Postgres.Inputs;

namespace Pbr.Ledger.Postgres.Tests.Inputs;

/// <summary>
/// The order an import checks and stages a file's rows in: by contract, then by the rest of the key,
/// then by line, whether the file came sorted (one pass) or not (a sort).
/// </summary>
public sealed class FileKeysTests
{
    [Test]
    public void Order_SortedByIdWithContractsInterleaved_EachContractInFileOrder()
    {
        // Rows 0..5 at lines 2..7: ids ascending through the file, the two contracts alternating.
        var rows = Rows(("B", "E1"), ("A", "E2"), ("B", "E3"), ("A", "E4"), ("A", "E4"), ("B", "E5"));

        Assert.That(FileKeys.Order(rows, r => r.Contract, CompareIds), Is.EqualTo(new[] { 1, 3, 4, 0, 2, 5 }));
    }

    [Test]
    public void Order_OutOfOrderWithinAContract_SortedByIdThenLine()
    {
        var rows = Rows(("A", "E9"), ("B", "E1"), ("A", "E1"), ("A", "E9"), ("A", "E10"));

        // Ordinal: "E1" < "E10" < "E9"; the two E9 rows by line.
        Assert.That(FileKeys.Order(rows, r => r.Contract, CompareIds), Is.EqualTo(new[] { 2, 4, 0, 3, 1 }));
    }

    [Test]
    public void Order_AnyRows_SameAsSortingByContractIdAndLine([Values(1, 2, 3, 4, 5, 6, 7, 8)] int seed)
    {
        var random = new Random(seed);
        var sorted = random.Next(2) == 0;
        var picks = Enumerable.Range(0, 500)
            .Select(i => ("C" + random.Next(3), sorted ? $"E{i / 3:D4}" : $"E{random.Next(40)}"))
            .ToArray();
        var rows = Rows(picks);

        var expected = Enumerable.Range(0, rows.Count)
            .OrderBy(i => rows[i].Row.Contract, StringComparer.Ordinal)
            .ThenBy(i => rows[i].Row.Id, StringComparer.Ordinal)
            .ThenBy(i => rows[i].Line);
        Assert.That(FileKeys.Order(rows, r => r.Contract, CompareIds), Is.EqualTo(expected));
    }

    private static int CompareIds((string Contract, string Id) a, (string Contract, string Id) b) => string.CompareOrdinal(a.Id, b.Id);

    private static List<ImportRow<(string Contract, string Id)>> Rows(params (string Contract, string Id)[] rows) =>
        [.. rows.Select((r, i) => new ImportRow<(string Contract, string Id)>(i + 2, r))];
}
