using System.Collections.Immutable;
using NodaTime;

namespace Pbr.Core.Model;

/// <summary>
/// A referral or attachment to a contract: the anchor (start date) of every window, and the
/// attributes the scheme declares, as text exactly as imported (the scheme gives them types).
/// </summary>
public sealed record Participant(
    ParticipantId Id,
    ContractId Contract,
    LocalDate StartDate,
    ImmutableSortedDictionary<string, string> Attributes);
