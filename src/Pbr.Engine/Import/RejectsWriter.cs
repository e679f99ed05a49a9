using CsvHelper;

namespace Pbr.Engine.Import;

/// <summary>
/// Writes the rows an import rejected, for <c>--skip-bad-rows</c>: one CSV record per rejected
/// row with its line number and reason first, then its fields exactly as read, under the
/// original header, so that a fixed row can be cut out and imported again.
/// </summary>
public static class RejectsWriter
{
    /// <summary>Writes the rejected rows of an import result.</summary>
    public static void Write<T>(TextWriter writer, ImportResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Write(writer, result.Header, result.Rejected);
    }

    /// <summary>Writes rejected rows under a header of <c>line, reason</c> and the original columns.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<RejectedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        // A rejected row may have more or fewer fields than the header (PBR5006): it is written as read.
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n", ValidateFieldCount = false }, leaveOpen: true);
        csv.WriteRecord(["line", "reason", .. header]);
        foreach (var row in rows)
        {
            csv.WriteRecord([row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Reason, .. row.Fields]);
        }

        csv.Flush();
    }
}
