using NodaTime;
using Pbr.Core;

namespace Pbr.Engine.Reconciliation;

/// <summary>How a key of the claims file compares with the ledger.</summary>
public enum ReconcileStatus
{
    /// <summary>Claimed, and the ledger holds exactly that amount.</summary>
    Matched,

    /// <summary>Claimed, but the ledger holds nothing for the key.</summary>
    NotInLedger,

    /// <summary>The ledger holds an amount that was not claimed.</summary>
    NotClaimed,

    /// <summary>Claimed, and the ledger holds a different amount.</summary>
    AmountDiffers,
}

/// <summary>One key of a reconciliation: the claim (if any), the ledger balance, and the engine's reason.</summary>
public sealed record ReconcileEntry(
    ReconcileStatus Status,
    ParticipantId Participant,
    string Outcome,
    int Instalment,
    Money? Claimed,
    Money Ledger,
    LocalDate? ClaimedOn,
    string Reason);
