using System.Globalization;
using CsvHelper;
using NodaTime.Text;

namespace Pbr.Engine.Reconciliation;

/// <summary>Writes every difference of a reconciliation as CSV, for a provider to work through.</summary>
public static class DifferencesCsv
{
    /// <summary>Gets the columns written, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["status", "participant_id", "outcome", "instalment", "claimed_amount", "ledger_amount", "claimed_on", "reason"];

    /// <summary>Writes the header and one record per key that is not matched.</summary>
    public static void Write(TextWriter writer, ReconcileReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord([.. Columns]);
        foreach (var entry in report.Entries.Where(e => e.Status != ReconcileStatus.Matched))
        {
            csv.WriteRecord([
                StatusText(entry.Status),
                entry.Participant.Value,
                entry.Outcome,
                entry.Instalment.ToString(CultureInfo.InvariantCulture),
                entry.Claimed?.ToString() ?? string.Empty,
                entry.Ledger.ToString(),
                entry.ClaimedOn is { } date ? LocalDatePattern.Iso.Format(date) : string.Empty,
                entry.Reason,
            ]);
        }

        csv.Flush();
    }

    /// <summary>Gets the file and screen spelling of a status.</summary>
    public static string StatusText(ReconcileStatus status) => status switch
    {
        ReconcileStatus.Matched => "matched",
        ReconcileStatus.NotInLedger => "claimed_not_in_ledger",
        ReconcileStatus.NotClaimed => "in_ledger_not_claimed",
        ReconcileStatus.AmountDiffers => "amount_differs",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a reconciliation status"),
    };
}
