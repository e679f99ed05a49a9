using System.Diagnostics;
using CsvHelper;

namespace Pbr.Benchmarks;

/// <summary>
/// The parse floor of tests/perf/e2e.sh: read every field of a CSV file with CsvHelper and do
/// nothing else (no validation, no dates parsed, nothing kept), so the engine's import can be
/// compared with the least any importer must do.
/// </summary>
public static class ParseFloor
{
    /// <summary>Parses the file and prints the rows, fields and seconds.</summary>
    public static int Run(string path)
    {
        var clock = Stopwatch.StartNew();
        var rows = 0L;
        var fields = 0L;
        using (var stream = File.OpenRead(path))
        using (var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = false, Separator = ',', DetectSeparatorHint = false }, leaveOpen: false))
        {
            while (csv.Read())
            {
                rows++;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    fields += csv.GetSpan(i).Length > 0 ? 1 : 0;
                }
            }
        }

        Console.WriteLine(FormattableString.Invariant($"parsed {rows} rows, {fields} non-empty fields in {clock.Elapsed.TotalSeconds:F2} s"));
        return 0;
    }
}
