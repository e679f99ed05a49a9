using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using NodaTime;

namespace Pbr.Engine.Tests.Import;

/// <summary>
/// A fixture of a scheme's declarations, for the importers: it declares attributes and evidence
/// kinds and prices nothing. Not a stand-in for the database; the readers never touch one.
/// </summary>
internal sealed class DeclaredScheme(
    string id, IReadOnlyList<AttributeDeclaration> participantAttributes, IReadOnlyList<EvidenceKindDeclaration> evidenceKinds) : ISchemeRules
{
    public SchemeId Id { get; } = new(id);

    public IReadOnlyList<AttributeDeclaration> ParticipantAttributes { get; } = participantAttributes;

    public IReadOnlyList<EvidenceKindDeclaration> EvidenceKinds { get; } = evidenceKinds;

    public bool HasCohorts => false;

    public EvaluationResult EvaluateParticipant(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt) =>
        EvaluationResult.Empty;

    public string? CohortOf(ContractTerms contract, Participant participant) => null;

    public EvaluationResult EvaluateCohort(
        ContractTerms contract,
        string cohort,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt) => EvaluationResult.Empty;
}
