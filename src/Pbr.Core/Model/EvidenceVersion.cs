using System.Collections.Immutable;
using NodaTime;

namespace Pbr.Core.Model;

/// <summary>
/// One version of a piece of outcome evidence. A later <see cref="RecordedOn"/> for the same
/// <see cref="Id"/> supersedes earlier versions for any run that knows it.
/// </summary>
/// <param name="EndDate">The inclusive end of a spell; null when the spell is still open, or for an event.</param>
public sealed record EvidenceVersion(
    EvidenceId Id,
    ParticipantId Participant,
    ContractId Contract,
    string Kind,
    LocalDate StartDate,
    LocalDate? EndDate,
    EvidenceStatus Status,
    LocalDate RecordedOn,
    ImmutableSortedDictionary<string, string> Attributes);
