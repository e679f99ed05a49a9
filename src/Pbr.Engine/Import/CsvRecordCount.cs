using System.Buffers;

namespace Pbr.Engine.Import;

/// <summary>
/// Counts the records of a UTF-8 CSV file without parsing its fields: line breaks outside quotes,
/// empty lines not counted. One vectorised scan, a small fraction of a read.
/// </summary>
/// <remarks>
/// An import that copies rows to the ledger while the file is still being read must write its imports
/// row, with its counts, before the first of them. This is the count it writes; the read that follows
/// is the proof, and any difference (a malformed file counts differently) sends the file the usual way.
/// </remarks>
public static class CsvRecordCount
{
    private static readonly SearchValues<byte> s_quoteOrBreak = SearchValues.Create("\"\r\n"u8);

    /// <summary>Returns how many non-empty records (the header included) <paramref name="csv"/> holds.</summary>
    public static int Of(ReadOnlySpan<byte> csv)
    {
        var records = 0;
        var inQuotes = false;
        var lineHasText = false;
        while (!csv.IsEmpty)
        {
            var at = inQuotes ? csv.IndexOf((byte)'"') : csv.IndexOfAny(s_quoteOrBreak);
            if (at < 0)
            {
                lineHasText = true;
                break;
            }

            if (at > 0)
            {
                lineHasText = true;
            }

            if (csv[at] == (byte)'"')
            {
                inQuotes = !inQuotes;
                lineHasText = true;
            }
            else
            {
                // \r\n ends the line at \r; the \n then ends an empty one, which is not counted.
                records += lineHasText ? 1 : 0;
                lineHasText = false;
            }

            csv = csv[(at + 1)..];
        }

        return records + (lineHasText ? 1 : 0);
    }
}
