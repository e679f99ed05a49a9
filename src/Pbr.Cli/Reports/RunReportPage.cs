using System.Net;
using System.Text;
using Pbr.Core;
using Pbr.Ledger.Postgres.Reports;

namespace Pbr.Cli.Reports;

/// <summary>
/// One self-contained HTML page per run: totals, breakdowns, charts as embedded PNGs and tables that
/// sort on a click, with no external file, font or script, so it opens anywhere, offline.
/// </summary>
internal static class RunReportPage
{
    // Sorts a table by the clicked column; cells carry data-sort with the raw value (pence for money).
    private const string SortScript = """
        document.querySelectorAll('table.sortable th').forEach(function (th, index) {
          th.addEventListener('click', function () {
            var table = th.closest('table');
            var body = table.tBodies[0];
            var ascending = th.dataset.order !== 'asc';
            table.querySelectorAll('th').forEach(function (other) { delete other.dataset.order; });
            th.dataset.order = ascending ? 'asc' : 'desc';
            var numeric = th.dataset.type === 'number';
            Array.from(body.rows).sort(function (a, b) {
              var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
              var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
              return ascending ? c : -c;
            }).forEach(function (row) { body.appendChild(row); });
          });
        });
        // The page reports how many charts it drew, so a headless browser (and its test) can tell.
        window.addEventListener('load', function () {
          document.body.dataset.chartsDrawn = Array.from(document.images)
            .filter(function (img) { return img.complete && img.naturalWidth > 0; }).length;
        });
        """;

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
        h1 { margin-bottom: 0.2em; } .meta { color: #666; margin-top: 0; }
        .totals { display: flex; gap: 2em; margin: 1em 0; } .totals div { background: #f4f6f8; padding: 0.8em 1.2em; border-radius: 6px; }
        .totals b { display: block; font-size: 1.4em; }
        table { border-collapse: collapse; margin: 0.5em 0 2em; } th, td { padding: 0.3em 0.8em; border-bottom: 1px solid #ddd; }
        th { cursor: pointer; background: #f4f6f8; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th[data-order=asc]::after { content: ' \25B2'; } th[data-order=desc]::after { content: ' \25BC'; }
        img { max-width: 100%; }
        """;

    public static string Render(RunReportData data, byte[] outcomeChart, byte[] monthChart)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>Run {data.Run} — {E(data.Contract.Value)}</title>\n<style>{Style}</style>\n</head>\n<body>\n")
            .Append($"<h1>Settlement run {data.Run}: {E(data.Contract.Value)}</h1>\n")
            .Append($"<p class=\"meta\">as of {data.AsOf:yyyy-MM-dd}, evidence known at {data.KnownAt:yyyy-MM-dd}; run hash <code>{data.RunHash}</code></p>\n")
            .Append("<div class=\"totals\">")
            .Append($"<div>payments<b>{data.Payments.ToDisplayString()}</b></div>")
            .Append($"<div>clawbacks<b>{data.Clawbacks.ToDisplayString()}</b></div>")
            .Append($"<div>net<b>{data.Net.ToDisplayString()}</b></div>")
            .Append($"<div>lines<b>{data.LineCount}</b></div>")
            .Append($"<div>participants read<b>{data.ParticipantCount}</b></div>")
            .Append($"<div>evidence versions read<b>{data.EvidenceCount}</b></div>")
            .Append("</div>\n");

        html.Append("<h2>By outcome</h2>\n");
        Image(html, outcomeChart, "Payments and clawbacks by outcome", "chart-outcome");
        Breakdown(html, "outcome", data.ByOutcome);
        html.Append($"<h2>By participant group ({E(data.GroupAttribute)})</h2>\n");
        Breakdown(html, "group", data.ByGroup);
        html.Append("<h2>Net posted per month, all runs so far</h2>\n");
        Image(html, monthChart, "Net posted per month", "chart-month");
        html.Append("<h2>Largest changes against the previous run</h2>\n")
            .Append("<table class=\"sortable\" id=\"changes\"><thead><tr><th>participant or cohort</th><th>outcome</th><th data-type=\"number\">instalment</th>")
            .Append("<th data-type=\"number\">before</th><th data-type=\"number\">change</th><th data-type=\"number\">after</th></tr></thead><tbody>\n");
        foreach (var change in data.LargestChanges)
        {
            html.Append("<tr>").Append(Text(change.Subject)).Append(Text(change.Outcome)).Append(Number(change.Instalment))
                .Append(Amount(change.Before)).Append(Amount(change.Change)).Append(Amount(change.After)).Append("</tr>\n");
        }

        html.Append("</tbody></table>\n")
            .Append($"<script>{SortScript}</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Breakdown(StringBuilder html, string name, IEnumerable<ReportBreakdown> rows)
    {
        html.Append($"<table class=\"sortable\" id=\"by-{name}\"><thead><tr><th>{name}</th><th data-type=\"number\">lines</th>")
            .Append("<th data-type=\"number\">payments</th><th data-type=\"number\">clawbacks</th><th data-type=\"number\">net</th></tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>").Append(Text(row.Name)).Append(Number(row.Lines))
                .Append(Amount(row.Payments)).Append(Amount(row.Clawbacks)).Append(Amount(row.Net)).Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Image(StringBuilder html, byte[] png, string alt, string id) =>
        html.Append($"<img id=\"{id}\" alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">\n");

    private static string Text(string value) => $"<td data-sort=\"{E(value)}\">{E(value)}</td>";

    private static string Number(int value) => $"<td class=\"n\" data-sort=\"{value}\">{value}</td>";

    private static string Amount(Money value) => $"<td class=\"n\" data-sort=\"{value.Pence}\">{E(value.ToDisplayString())}</td>";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
