using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;

namespace Pbr.Benchmarks.Charts;

/// <summary>
/// The rows tests/perf/e2e.sh appends to the file named by <c>RESULTS</c>: a tab-separated header,
/// then one row per run with <c>n</c> and a <c>NAME_s</c> column of wall seconds per step, plus
/// <c>real_s</c> and <c>floor_s</c>. Every <c>_s</c> column is a series of the chart.
/// </summary>
public sealed class E2eResults
{
    private const string SecondsSuffix = "_s";

    private E2eResults(ImmutableArray<string> series, ImmutableArray<E2eRun> runs)
    {
        Series = series;
        Runs = runs;
    }

    /// <summary>Gets the series names, the <c>_s</c> columns without the suffix, in the file's order.</summary>
    public ImmutableArray<string> Series { get; }

    /// <summary>Gets one run per N, ordered by N; when N was run more than once, the file's last row.</summary>
    public ImmutableArray<E2eRun> Runs { get; }

    /// <summary>Reads a results file; throws <see cref="FormatException"/> naming the line of a bad row.</summary>
    public static E2eResults Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = CsvReaderOptions.Default with { HasHeader = false, Separator = '\t', DetectSeparatorHint = false };
        using var tsv = CsvReader.Create(reader, options, leaveOpen: true);
        if (!tsv.Read())
        {
            throw new FormatException($"{fileName}: empty, expected a header line");
        }

        var header = Fields(tsv);
        var nColumn = Array.IndexOf(header, "n");
        if (nColumn < 0)
        {
            throw new FormatException($"{fileName}(1): no column 'n' in the header");
        }

        var secondsColumns = header.Select((name, index) => (name, index)).Where(c => c.name.EndsWith(SecondsSuffix, StringComparison.Ordinal)).ToArray();
        if (secondsColumns.Length == 0)
        {
            throw new FormatException($"{fileName}(1): no column ending in '{SecondsSuffix}' in the header");
        }

        var byN = new SortedDictionary<long, E2eRun>();
        var line = 1;
        while (tsv.Read())
        {
            line++;
            var fields = Fields(tsv);
            if (fields.Length != header.Length)
            {
                throw new FormatException($"{fileName}({line}): {fields.Length} fields, the header has {header.Length}");
            }

            if (!long.TryParse(fields[nColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw new FormatException($"{fileName}({line}): n '{fields[nColumn]}' is not a positive whole number");
            }

            var seconds = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var (name, index) in secondsColumns)
            {
                if (!double.TryParse(fields[index], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"{fileName}({line}): {name} '{fields[index]}' is not a number of seconds");
                }

                seconds[SeriesName(name)] = value;
            }

            byN[n] = new E2eRun(n, seconds.ToImmutable());
        }

        if (byN.Count == 0)
        {
            throw new FormatException($"{fileName}: no runs after the header");
        }

        return new E2eResults([.. secondsColumns.Select(c => SeriesName(c.name))], [.. byN.Values]);
    }

    private static string SeriesName(string column) => column[..^SecondsSuffix.Length];

    private static string[] Fields(CsvReader tsv)
    {
        var fields = new string[tsv.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = tsv.GetString(i) ?? string.Empty;
        }

        return fields;
    }
}
