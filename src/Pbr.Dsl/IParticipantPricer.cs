using NodaTime;
using Pbr.Core.Model;

namespace Pbr.Dsl;

/// <summary>
/// Pricing without explanations, for bulk work and benchmarks. Every compiled scheme implements it
/// (<c>scheme is IParticipantPricer</c>); the lines are exactly those of
/// <see cref="ISchemeRules.EvaluateParticipant"/>, in the same order, and pricing allocates little
/// beyond what it appends.
/// </summary>
public interface IParticipantPricer
{
    /// <summary>Appends the participant's lines to <paramref name="into"/>; returns false when a problem was found (see <see cref="ISchemeRules.EvaluateParticipant"/>).</summary>
    bool PriceParticipant(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt, List<LineAmount> into);
}
