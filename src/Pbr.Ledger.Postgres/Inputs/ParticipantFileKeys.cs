using Pbr.Core.Model;
using Pbr.Engine.Hashing;

namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>
/// What a participants file says about its own keys, found in memory (as <see cref="EvidenceFileKeys"/>):
/// the first row of each (contract, participant) in key order, and the rows that repeat a participant
/// with other content.
/// </summary>
internal static class ParticipantFileKeys
{
    /// <summary>Checks the keys of a participants file: a conflict is a row that repeats an earlier row's participant with other content.</summary>
    public static FileKeyCheck Of(IReadOnlyList<ImportRow<Participant>> rows)
    {
        var order = FileKeys.Order(rows, p => p.Contract.Value, (a, b) => string.CompareOrdinal(a.Id.Value, b.Id.Value));
        var firstOfKey = new List<int>(order.Length);
        var conflicts = new List<ImportConflict>();
        var first = -1;
        foreach (var i in order)
        {
            var (line, row) = rows[i];
            if (first < 0 || Compare(rows[first].Row, row) != 0)
            {
                first = i;
                firstOfKey.Add(i);
            }
            else if (RowHashes.ValueOf(row) != RowHashes.ValueOf(rows[first].Row))
            {
                conflicts.Add(new ImportConflict(line, "participant_id", $"participant '{row.Id}' of contract {row.Contract} appears earlier in the file with different content"));
            }
        }

        conflicts.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new FileKeyCheck([.. firstOfKey], conflicts);
    }

    private static int Compare(Participant a, Participant b)
    {
        var c = string.CompareOrdinal(a.Contract.Value, b.Contract.Value);
        return c != 0 ? c : string.CompareOrdinal(a.Id.Value, b.Id.Value);
    }
}
