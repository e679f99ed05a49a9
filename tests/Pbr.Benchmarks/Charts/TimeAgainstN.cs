using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Pbr.Benchmarks.Charts;

/// <summary>
/// The chart of docs/benchmarks.md: wall seconds against N for every step of tests/perf/e2e.sh, the
/// real run and the floor, with the 60 s target at N = 1,000,000 (DESIGN §7). Both axes are
/// logarithmic because N spans three decades; a straight line of slope 1 is linear growth.
/// </summary>
public static class TimeAgainstN
{
    /// <summary>The target of issue 7: a full run of 1,000,000 participants in under 60 seconds.</summary>
    public const double TargetSeconds = 60;

    /// <summary>The N of the target.</summary>
    public const long TargetN = 1_000_000;

    private const int Width = 1000;
    private const int Height = 640;

    // /usr/bin/time reports hundredths of a second, so 0.00 means "under 0.01 s"; a log axis needs a floor.
    private const double SmallestSeconds = 0.01;

    /// <summary>Reads <paramref name="results"/> and writes the chart to <paramref name="png"/>; the exit code.</summary>
    public static int Run(string results, string png)
    {
        E2eResults read;
        using (var reader = File.OpenText(results))
        {
            read = E2eResults.Read(reader, results);
        }

        File.WriteAllBytes(png, Draw(read));
        Console.WriteLine(FormattableString.Invariant(
            $"{png}: {read.Series.Length} series over {read.Runs.Length} sizes, N = {read.Runs[0].N} to {read.Runs[^1].N}"));
        return 0;
    }

    /// <summary>Draws the chart as PNG bytes.</summary>
    public static byte[] Draw(E2eResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        var xs = results.Runs.Select(r => Math.Log10(r.N)).ToArray();
        foreach (var series in results.Series)
        {
            var ys = results.Runs.Select(r => Math.Log10(Math.Max(r.Seconds[series], SmallestSeconds))).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = Label(series);
            line.MarkerSize = 6;
            switch (series)
            {
                case "real":
                    line.Color = Colors.Black;
                    line.LineWidth = 3;
                    break;
                case "floor":
                    line.Color = Colors.Gray;
                    line.LineWidth = 3;
                    line.LinePattern = LinePattern.Dashed;
                    break;
                default:
                    line.LineWidth = 1.5f;
                    break;
            }
        }

        var target = plot.Add.HorizontalLine(Math.Log10(TargetSeconds));
        target.Color = Colors.Red;
        target.LinePattern = LinePattern.Dotted;
        target.LineWidth = 1;
        var goal = plot.Add.Marker(Math.Log10(TargetN), Math.Log10(TargetSeconds), MarkerShape.FilledDiamond, 14, Colors.Red);
        goal.LegendText = "target: 60 s at N = 1,000,000";

        plot.Axes.Bottom.TickGenerator = PowersOfTen(n => n.ToString("N0", CultureInfo.InvariantCulture));
        plot.Axes.Left.TickGenerator = PowersOfTen(s => s.ToString(s < 1 ? "0.##" : "N0", CultureInfo.InvariantCulture));
        var maxSeconds = results.Runs.SelectMany(r => r.Seconds.Values).Append(TargetSeconds).Max();
        plot.Axes.SetLimits(
            Math.Log10(results.Runs[0].N) - 0.15,
            Math.Log10(Math.Max(results.Runs[^1].N, TargetN)) + 0.15,
            Math.Log10(SmallestSeconds) - 0.1,
            Math.Log10(maxSeconds) + 0.3);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;

        plot.Title("PbrEngine end to end (tests/perf/e2e.sh): wall time against N");
        plot.XLabel("N participants (log)");
        plot.YLabel("wall seconds (log)");
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Label(string series) => series switch
    {
        "real" => "real run (publish + imports + settle 1)",
        "floor" => "floor (COPY ledger rows + parse evidence)",
        _ => series.Replace('_', '-'),
    };

    // Ticks at whole powers of ten with log-spaced minor ticks; the label is the value, not its log.
    private static NumericAutomatic PowersOfTen(Func<double, string> format) => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = log => format(Math.Pow(10, log)),
    };
}
