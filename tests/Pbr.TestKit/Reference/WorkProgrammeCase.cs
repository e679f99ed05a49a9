using System.Collections.Immutable;
using Pbr.Core.Model;
using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>One Work Programme participant with evidence and the dates and discount of a run.</summary>
public sealed record WorkProgrammeCase(
    Participant Participant, ImmutableArray<EvidenceVersion> Evidence, LocalDate AsOf, LocalDate KnownAt, decimal DiscountPercent)
{
    /// <summary>Gets the participant's payment group.</summary>
    public string PaymentGroup => Participant.Attributes["payment_group"];

    public override string ToString() =>
        $"{Participant.Id} {PaymentGroup} start {Participant.StartDate:yyyy-MM-dd} as of {AsOf:yyyy-MM-dd} known at {KnownAt:yyyy-MM-dd} discount {DiscountPercent}%: "
        + string.Join("; ", Evidence.Select(e => $"{e.Id} {e.StartDate:yyyy-MM-dd}..{e.EndDate:yyyy-MM-dd} {e.Status} rec {e.RecordedOn:yyyy-MM-dd}"));
}
