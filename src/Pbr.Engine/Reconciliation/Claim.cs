using NodaTime;
using Pbr.Core;

namespace Pbr.Engine.Reconciliation;

/// <summary>One line of a provider's claims file: what they believe they are owed for a key.</summary>
public sealed record Claim(ParticipantId Participant, string Outcome, int Instalment, Money Amount, LocalDate ClaimedOn);
