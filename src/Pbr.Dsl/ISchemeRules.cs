using Pbr.Core;
using Pbr.Core.Model;
using NodaTime;

namespace Pbr.Dsl;

/// <summary>
/// A compiled scheme, as the calculator and the importers see it: what it declares (the closed
/// world of attributes and evidence kinds) and how it prices one participant or one cohort.
/// Evaluation is pure, synchronous and bounded; it never reads text or performs I/O.
/// </summary>
public interface ISchemeRules
{
    /// <summary>Gets the scheme's name.</summary>
    SchemeId Id { get; }

    /// <summary>Gets the participant attributes the scheme reads; an import must supply exactly these.</summary>
    IReadOnlyList<AttributeDeclaration> ParticipantAttributes { get; }

    /// <summary>Gets the evidence kinds the scheme reads.</summary>
    IReadOnlyList<EvidenceKindDeclaration> EvidenceKinds { get; }

    /// <summary>Gets a value indicating whether the scheme has cohort measures.</summary>
    bool HasCohorts { get; }

    /// <summary>
    /// Prices one participant as of <paramref name="asOf"/>, from the evidence versions known at
    /// <paramref name="knownAt"/> (the caller passes every version; the scheme picks the latest
    /// version per evidence id with <c>RecordedOn &lt;= knownAt</c>).
    /// </summary>
    EvaluationResult EvaluateParticipant(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt);

    /// <summary>
    /// Prices one participant exactly as <see cref="EvaluateParticipant"/> does (the same keys, amounts,
    /// due dates, evidence ids and rules, the same problems) but leaves every explanation as
    /// <see cref="Explanation.None"/>. A settlement stores no explanation, and writing one per line is most
    /// of the cost of pricing; <c>pbr explain</c> writes them on demand.
    /// </summary>
    EvaluationResult EvaluateParticipantUnexplained(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt) =>
        EvaluateParticipant(contract, participant, evidence, asOf, knownAt);

    /// <summary>
    /// Gets the caps over a whole contract (in all, or per contract year) with their amounts for
    /// <paramref name="contract"/>; the calculator applies them across every participant's lines.
    /// </summary>
    IReadOnlyList<ContractCapRule> ContractCaps(ContractTerms contract) => [];

    /// <summary>Gets the cohort a participant belongs to, e.g. <c>2012-Q1</c>; null when the scheme has no cohorts.</summary>
    string? CohortOf(ContractTerms contract, Participant participant);

    /// <summary>
    /// Prices one cohort as of <paramref name="asOf"/>; no lines until its follow-up and waiting
    /// periods have closed.
    /// </summary>
    EvaluationResult EvaluateCohort(
        ContractTerms contract,
        string cohort,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt);
}
