using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;

namespace Pbr.Engine.Reconciliation;

/// <summary>A provider's claims against the ledger of one contract as of a date.</summary>
public sealed record ReconcileReport(ContractId Contract, LocalDate AsOf, ImmutableArray<ReconcileEntry> Entries)
{
    /// <summary>Gets a value indicating whether every claim matched and nothing in the ledger went unclaimed.</summary>
    public bool AllMatched => Entries.All(e => e.Status == ReconcileStatus.Matched);

    /// <summary>Gets how many keys have the given status.</summary>
    public int Count(ReconcileStatus status) => Entries.Count(e => e.Status == status);
}
