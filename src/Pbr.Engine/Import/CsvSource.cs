using System.Text.Unicode;
using CsvHelper;

namespace Pbr.Engine.Import;

/// <summary>
/// Reads records with CsvHelper (RFC 4180: quoted commas, quotes and line breaks, CRLF or LF),
/// one at a time, and turns what CsvHelper recovers from (bad quoting, bytes that are not UTF-8,
/// a record too large to read) into problems with a line and a column instead of exceptions.
/// </summary>
internal static class CsvSource
{
    // Guards against hostile input, such as an unclosed quote at the start of a large file; a
    // legitimate record is a few hundred bytes.
    private const int MaxRecordBytes = 1 << 20;

    public static IEnumerable<SourceRecord> Read(Stream stream, string fileName) =>
        Records(options => CsvReader.Create(stream, options, leaveOpen: true), fileName);

    public static IEnumerable<SourceRecord> Read(TextReader reader, string fileName) =>
        Records(options => CsvReader.Create(reader, options, leaveOpen: true), fileName);

    private static IEnumerable<SourceRecord> Records(Func<CsvReaderOptions, CsvReader> open, string fileName)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            // The header is read as a record like any other, so that it gets the same checks.
            HasHeader = false,
            Separator = ',',
            DetectSeparatorHint = false,
            TrimWhitespace = false,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = malformed.Add,
            IncludeValuesInExceptions = false,

            // Contract ids, kinds, statuses and dates repeat down a column; share one string each.
            PoolStrings = true,
        };

        using var csv = open(options);
        var lastLine = 0;
        while (true)
        {
            bool more;
            string? failure = null;
            var failureLine = 0L;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException ex)
            {
                more = false;
                failure = ex.Message;
                failureLine = ex.LineNumber;
            }

            if (failure is not null)
            {
                var line = failureLine > 0 ? ToInt(failureLine) : lastLine + 1;
                yield return new SourceRecord(line, [], new ImportProblem(fileName, line, 1, ImportMessages.Unreadable(failure).Code, ImportMessages.Unreadable(failure).Text));
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            lastLine = ToInt(csv.LineNumber);
            var fields = new string[csv.FieldCount];
            ImportProblem? structural = null;
            for (var i = 0; i < fields.Length; i++)
            {
                if (structural is null && !Utf8.IsValid(csv.GetSpan(i)))
                {
                    structural = Problem(fileName, lastLine, i + 1, ImportMessages.InvalidUtf8());
                }

                fields[i] = csv.GetString(i) ?? string.Empty;
            }

            if (malformed.Count > 0)
            {
                structural ??= Problem(fileName, lastLine, MalformedColumn(csv), ImportMessages.MalformedQuoting(Describe(malformed[0].Reason)));
                malformed.Clear();
            }

            yield return new SourceRecord(lastLine, fields, structural);
        }
    }

    private static ImportProblem Problem(string file, int line, int column, ImportMessage message) =>
        new(file, line, column, message.Code, message.Text);

    private static int ToInt(long line) => (int)Math.Min(line, int.MaxValue);

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        _ => "the record breaks the quoting rules",
    };

    // The first field whose raw text breaks RFC 4180's quoting: an unquoted field holding a quote,
    // or a quoted field that is not closed right at its end. Column 1 if none can be singled out.
    private static int MalformedColumn(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var raw = csv.GetRawSpan(i);
            if (raw.IsEmpty)
            {
                continue;
            }

            if (raw[0] != (byte)'"')
            {
                if (raw.Contains((byte)'"'))
                {
                    return i + 1;
                }

                continue;
            }

            if (raw.Length < 2 || raw[^1] != (byte)'"' || !QuotesDoubled(raw[1..^1]))
            {
                return i + 1;
            }
        }

        return 1;
    }

    private static bool QuotesDoubled(ReadOnlySpan<byte> inner)
    {
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == (byte)'"')
            {
                if (i + 1 >= inner.Length || inner[i + 1] != (byte)'"')
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
