using System.Collections.Immutable;
using Pbr.Core.Model;
using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>One reoffending cohort with evidence and the dates of a run.</summary>
public sealed record ReoffendingCohortCase(
    ImmutableArray<Participant> Participants, ImmutableArray<EvidenceVersion> Evidence, LocalDate AsOf, LocalDate KnownAt)
{
    /// <summary>Gets the cohort's name, e.g. <c>2012-Q1</c>.</summary>
    public string Cohort => ReoffendingModel.CohortOf(Participants[0].StartDate);

    public override string ToString() =>
        $"{Cohort} ({Participants.Length} released) as of {AsOf:yyyy-MM-dd} known at {KnownAt:yyyy-MM-dd}: "
        + string.Join("; ", Evidence.Select(e => $"{e.Id} {e.StartDate:yyyy-MM-dd} {e.Status} rec {e.RecordedOn:yyyy-MM-dd}"));
}
