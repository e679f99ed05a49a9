using Pbr.Core.Model;
using Pbr.Engine.Hashing;

namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>
/// What an evidence file says about its own keys, found in memory where the rows already are: the rows
/// in key order (contract, evidence id, recorded on, line), the first row of each key, and the rows
/// that contradict an earlier row of the same file.
/// </summary>
/// <remarks>
/// A file of millions of rows was checked in SQL with two window functions over the staged rows, two
/// sorts of every row and column, about ten seconds at three million rows. One sort of row numbers
/// here finds the same conflicts, and staging the rows in key order, each key once, spares the
/// INSERT its own sort and de-duplication.
/// </remarks>
internal static class EvidenceFileKeys
{
    /// <summary>
    /// Checks the keys of an evidence file: a conflict is a row that repeats a key with other content, or
    /// names another participant than the earliest row of its evidence id.
    /// </summary>
    public static FileKeyCheck Of(IReadOnlyList<ImportRow<EvidenceVersion>> rows)
    {
        var order = FileKeys.Order(rows, e => e.Contract.Value, CompareWithinContract);
        var firstOfKey = new List<int>(order.Length);
        var conflicts = new List<ImportConflict>();
        for (var start = 0; start < order.Length;)
        {
            // One evidence id: its versions by recorded_on, each by line.
            var end = start + 1;
            while (end < order.Length && SameEvidence(rows[order[start]].Row, rows[order[end]].Row))
            {
                end++;
            }

            CheckEvidence(rows, order.AsSpan(start, end - start), firstOfKey, conflicts);
            start = end;
        }

        conflicts.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new FileKeyCheck([.. firstOfKey], conflicts);
    }

    private static void CheckEvidence(IReadOnlyList<ImportRow<EvidenceVersion>> rows, ReadOnlySpan<int> versions, List<int> firstOfKey, List<ImportConflict> conflicts)
    {
        var earliest = versions[0];
        foreach (var i in versions)
        {
            if (rows[i].Line < rows[earliest].Line)
            {
                earliest = i;
            }
        }

        var owner = rows[earliest].Row.Participant;
        var keyStart = 0;
        for (var k = 0; k < versions.Length; k++)
        {
            var (line, row) = rows[versions[k]];
            if (k == 0 || row.RecordedOn != rows[versions[k - 1]].Row.RecordedOn)
            {
                keyStart = k;
                firstOfKey.Add(versions[k]);
            }
            else if (RowHashes.ValueOf(row) != RowHashes.ValueOf(rows[versions[keyStart]].Row))
            {
                conflicts.Add(new ImportConflict(line, "evidence_id", $"evidence '{row.Id}' recorded on {row.RecordedOn:yyyy-MM-dd} appears earlier in the file with different content"));
            }

            if (row.Participant != owner)
            {
                conflicts.Add(new ImportConflict(line, "participant_id", $"evidence '{row.Id}' belongs to another participant; an evidence id cannot move"));
            }
        }
    }

    private static bool SameEvidence(EvidenceVersion a, EvidenceVersion b) =>
        string.Equals(a.Contract.Value, b.Contract.Value, StringComparison.Ordinal) && string.Equals(a.Id.Value, b.Id.Value, StringComparison.Ordinal);

    private static int CompareWithinContract(EvidenceVersion a, EvidenceVersion b)
    {
        var c = string.CompareOrdinal(a.Id.Value, b.Id.Value);
        return c != 0 ? c : a.RecordedOn.CompareTo(b.RecordedOn);
    }
}
