using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>A ledger line exactly as the ledger holds it.</summary>
internal sealed class StoredLine
{
    public string Contract { get; init; } = "";
    public long RunId { get; init; }
    public string Provider { get; init; } = "";
    public string? Participant { get; init; }
    public string? Cohort { get; init; }
    public string Outcome { get; init; } = "";
    public int Instalment { get; init; }
    public string Kind { get; init; } = "";
    public long Amount { get; init; }
    public LocalDate DueDate { get; init; }
    public string TariffSha256 { get; init; } = "";
    public string Rule { get; init; } = "";
    public string[] EvidenceIds { get; init; } = [];
    public string LineHash { get; init; } = "";

    public PostingLine Restore() => PostingLine.Restore(
        new LineKey(new ContractId(Contract), Participant ?? string.Empty, Cohort ?? string.Empty, Outcome, Instalment),
        new ProviderId(Provider),
        LineKindText.Parse(Kind),
        Money.FromPence(Amount),
        DueDate,
        TariffSha256,
        Rule,
        [.. EvidenceIds.Select(e => new EvidenceId(e))]);

    public string Describe() => $"({Participant ?? Cohort}, {Outcome}, {Instalment})";
}
