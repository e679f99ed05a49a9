using Pbr.Ledger.Postgres.Reports;
using ScottPlot;

namespace Pbr.Cli.Reports;

/// <summary>
/// The run report's charts, drawn by ScottPlot to PNG so that the page needs no script library or
/// network to show them. Pounds become doubles only here, for drawing; every figure printed comes
/// from <see cref="Pbr.Core.Money"/>.
/// </summary>
internal static class RunCharts
{
    private const int Width = 900;
    private const int Height = 360;

    /// <summary>Payments and clawbacks of the run by outcome, side by side.</summary>
    public static byte[] ByOutcome(RunReportData data)
    {
        var plot = new Plot();
        var names = data.ByOutcome.Select(b => b.Name).ToArray();
        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        for (var i = 0; i < names.Length; i++)
        {
            bars.Add(new Bar { Position = i * 3, Value = Pounds(data.ByOutcome[i].Payments.Pence), FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = (i * 3) + 1, Value = Pounds(data.ByOutcome[i].Clawbacks.Pence), FillColor = Colors.IndianRed });
            ticks.Add(new Tick((i * 3) + 0.5, names[i]));
        }

        plot.Add.Bars(bars);

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Title("Payments (blue) and clawbacks (red) by outcome");
        plot.YLabel("£");
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Net posted per month of the runs' as-of dates, across every run of the contract so far.</summary>
    public static byte[] NetByMonth(RunReportData data)
    {
        var plot = new Plot();
        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        for (var i = 0; i < data.NetByMonth.Length; i++)
        {
            var month = data.NetByMonth[i];
            bars.Add(new Bar { Position = i, Value = Pounds(month.Net.Pence), FillColor = month.Net.IsNegative ? Colors.IndianRed : Colors.SeaGreen });
            // A label every quarter keeps them apart once there are more than a year of months.
            if (data.NetByMonth.Length <= 12 || i % 3 == 0)
            {
                ticks.Add(new Tick(i, month.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Title("Net posted per month (by run as-of date), all runs so far");
        plot.YLabel("£");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static double Pounds(long pence) => pence / 100.0;
}
