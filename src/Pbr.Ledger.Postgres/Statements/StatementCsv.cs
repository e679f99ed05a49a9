using System.Globalization;
using CsvHelper;
using NodaTime.Text;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Statements;

/// <summary>
/// Writes statement lines as CSV with exactly the columns <c>run_id, contract_id, provider_id,
/// participant_id, cohort, outcome, instalment, kind, amount, due_date, tariff_sha256, rule,
/// evidence_ids</c>: amounts in pounds with two decimals, evidence ids joined with <c>;</c>, empty
/// fields where not applicable.
/// </summary>
public static class StatementCsv
{
    /// <summary>Gets the header, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["run_id", "contract_id", "provider_id", "participant_id", "cohort", "outcome", "instalment", "kind", "amount", "due_date", "tariff_sha256", "rule", "evidence_ids"];

    /// <summary>Writes the header and the lines.</summary>
    public static void Write(TextWriter writer, IEnumerable<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord([.. Columns]);
        foreach (var line in lines)
        {
            csv.WriteRecord([
                line.Run?.ToString() ?? string.Empty,
                line.Contract.Value,
                line.Provider.Value,
                line.Participant ?? string.Empty,
                line.Cohort ?? string.Empty,
                line.Outcome,
                line.Instalment.ToString(CultureInfo.InvariantCulture),
                LineKindText.Format(line.Kind),
                line.Amount.ToString(),
                LocalDatePattern.Iso.Format(line.DueDate),
                line.TariffSha256,
                line.Rule,
                string.Join(';', line.EvidenceIds),
            ]);
        }

        csv.Flush();
    }
}
