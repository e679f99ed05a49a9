using System.Collections.Immutable;
using Pbr.Core.Model;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>One import: new participants (loaded first) and evidence versions, as the two files of a delivery.</summary>
internal sealed record SimBatch(ImmutableArray<Participant> Participants, ImmutableArray<EvidenceVersion> Evidence)
{
    /// <summary>Gets how many versions of the batch are corrections, revocations or backdated versions of an evidence id seen before.</summary>
    public int Amendments { get; init; }
}
