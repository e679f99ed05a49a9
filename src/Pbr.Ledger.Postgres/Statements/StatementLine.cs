using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Statements;

/// <summary>
/// One line of a provider's statement, with exactly the columns of <c>pbr settle --lines</c>;
/// <see cref="Run"/> is null for a dry run, which posts nothing.
/// </summary>
public sealed record StatementLine(
    RunId? Run,
    ContractId Contract,
    ProviderId Provider,
    string? Participant,
    string? Cohort,
    string Outcome,
    int Instalment,
    LineKind Kind,
    Money Amount,
    LocalDate DueDate,
    string TariffSha256,
    string Rule,
    ImmutableArray<string> EvidenceIds)
{
    /// <summary>Makes the statement line of a planned or posted line.</summary>
    public static StatementLine From(RunId? run, PostingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(
            run,
            line.Key.Contract,
            line.Provider,
            line.Key.Participant.Length == 0 ? null : line.Key.Participant,
            line.Key.Cohort.Length == 0 ? null : line.Key.Cohort,
            line.Key.Outcome,
            line.Key.Instalment,
            line.Kind,
            line.Amount,
            line.DueDate,
            line.TariffSha256,
            line.Rule,
            [.. line.EvidenceIds.Select(e => e.Value)]);
    }
}
