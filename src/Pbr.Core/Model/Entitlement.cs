using System.Collections.Immutable;
using NodaTime;

namespace Pbr.Core.Model;

/// <summary>
/// One payable line of an entitlement as of a date: what is due for one key
/// (contract, participant or cohort, outcome, instalment), with the reasons behind it.
/// Exactly one of <see cref="Participant"/> and <see cref="Cohort"/> is set.
/// </summary>
public sealed record Entitlement(
    ContractId Contract,
    ParticipantId? Participant,
    string? Cohort,
    string Outcome,
    int Instalment,
    Money Amount,
    LocalDate DueDate,
    ImmutableArray<EvidenceId> EvidenceIds,
    string Rule,
    Explanation Explanation)
{
    /// <summary>Gets the posting key of this line, the unit the ledger settles differences on.</summary>
    public LineKey Key => new(Contract, Participant?.Value ?? string.Empty, Cohort ?? string.Empty, Outcome, Instalment);
}

/// <summary>
/// The key the ledger nets on: (contract, participant or cohort, outcome, instalment).
/// Ordered ordinally so that every machine writes lines in the same order.
/// </summary>
public readonly record struct LineKey(ContractId Contract, string Participant, string Cohort, string Outcome, int Instalment)
    : IComparable<LineKey>
{
    public int CompareTo(LineKey other)
    {
        var c = Contract.CompareTo(other.Contract);
        if (c == 0) c = string.CompareOrdinal(Participant, other.Participant);
        if (c == 0) c = string.CompareOrdinal(Cohort, other.Cohort);
        if (c == 0) c = string.CompareOrdinal(Outcome, other.Outcome);
        return c != 0 ? c : Instalment.CompareTo(other.Instalment);
    }
}
