using Pbr.Core.Model;

namespace Pbr.Engine.Hashing;

/// <summary>
/// Content hashes of input rows. The importer stores them, so a re-import can tell an identical row
/// (no-op) from a changed one (conflict); the settlement digest is built from them.
/// </summary>
public static class RowHashes
{
    /// <summary>Hashes a participant row: contract, id, start date and attributes.</summary>
    public static string Of(Participant participant) => ValueOf(participant).ToString();

    /// <summary>Hashes one evidence version: every field, including its status and recorded date.</summary>
    public static string Of(EvidenceVersion evidence) => ValueOf(evidence).ToString();

    /// <summary>The hash <see cref="Of(Participant)"/> gives, as its 32 bytes (the ledger stores them so).</summary>
    public static Sha256Value ValueOf(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var h = CanonicalHasher.ForThread("participant");
        return h.Add(participant.Contract.Value)
            .Add(participant.Id.Value)
            .Add(participant.StartDate)
            .AddMap(participant.Attributes)
            .FinishValue();
    }

    /// <summary>The hash <see cref="Of(EvidenceVersion)"/> gives, as its 32 bytes (the ledger stores them so).</summary>
    public static Sha256Value ValueOf(EvidenceVersion evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var h = CanonicalHasher.ForThread("evidence");
        return h.Add(evidence.Contract.Value)
            .Add(evidence.Id.Value)
            .Add(evidence.RecordedOn)
            .Add(evidence.Participant.Value)
            .Add(evidence.Kind)
            .Add(evidence.StartDate)
            .Add(evidence.EndDate)
            .Add(EvidenceStatusText.Format(evidence.Status))
            .AddMap(evidence.Attributes)
            .FinishValue();
    }
}
