using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Pbr.Core;
using Pbr.Core.Model;
using NodaTime;

namespace Pbr.TestKit.Reference;

/// <summary>
/// FsCheck generators for participants and evidence timelines of the two reference schemes, with
/// the awkward cases weighted in: spells that overlap, leave gaps, stay open or start before the
/// start date; late <c>recorded_on</c>; revocations and corrections as later versions; pending and
/// rejected rows; runs known before or after the as-of date.
/// </summary>
public static class TimelineGen
{
    /// <summary>The Work Programme sample contract without a discount.</summary>
    public static readonly ContractId Alpha = new("WP-CPA1-ALPHA");

    /// <summary>The reoffending sample contract.</summary>
    public static readonly ContractId PilotNorth = new("RO-PILOT-NORTH");

    /// <summary>Gets a date from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public static Gen<LocalDate> Date(LocalDate from, LocalDate to) =>
        Gen.Choose(0, Period.Between(from, to, PeriodUnits.Days).Days).Select(from.PlusDays);

    /// <summary>Gets one of the nine Work Programme payment groups.</summary>
    public static Gen<string> PaymentGroup =>
        Gen.Elements(WorkProgrammeTariff.All.Select(t => t.PaymentGroup).ToArray());

    /// <summary>Gets a Work Programme participant starting in any financial year the contracts accept.</summary>
    public static Gen<Participant> WorkProgrammeParticipant(ContractId contract, string id) =>
        from start in Date(new LocalDate(2011, 6, 1), new LocalDate(2016, 3, 31))
        from paymentGroup in PaymentGroup
        select new Participant(new ParticipantId(id), contract, start, Attributes(("payment_group", paymentGroup)));

    /// <summary>Gets the employment evidence versions of one participant: zero to five spells, each with one to three versions.</summary>
    public static Gen<ImmutableArray<EvidenceVersion>> EmploymentTimeline(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return Gen.Choose(0, 5)
            .SelectMany(count => Gen.CollectToArray(Enumerable.Range(1, count), i => Spell(participant, i)))
            .Select(items => items.SelectMany(v => v).ToImmutableArray());
    }

    /// <summary>Gets one participant of a Work Programme contract with a timeline, an as-of date, a known-at date and a discount.</summary>
    public static Gen<WorkProgrammeCase> WorkProgrammeCase =>
        from id in Gen.Choose(1, 999_999)
        from participant in WorkProgrammeParticipant(Alpha, string.Create(CultureInfo.InvariantCulture, $"P{id:D6}"))
        from evidence in EmploymentTimeline(participant)
        from asOf in Gen.Choose(-30, 1200).Select(participant.StartDate.PlusDays)
        from knownAt in KnownAt(asOf)
        from discount in Gen.Elements(0m, 7.5m, 12.5m, 3.33m)
        select new WorkProgrammeCase(participant, evidence, asOf, knownAt, discount);

    /// <summary>Gets the proven reoffences of one released participant: zero to three events, some revoked later.</summary>
    public static Gen<ImmutableArray<EvidenceVersion>> ReoffenceTimeline(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Choose(2, 3)))
            .SelectMany(count => Gen.CollectToArray(Enumerable.Range(1, count), i => Reoffence(participant, i)))
            .Select(items => items.SelectMany(v => v).ToImmutableArray());
    }

    /// <summary>Gets one reoffending cohort: one to forty releases in one quarter of 2012–2014, their reoffences and the dates of a run.</summary>
    public static Gen<ReoffendingCohortCase> ReoffendingCohortCase =>
        from quarter in Gen.Choose(0, 11)
        from size in Gen.Frequency((4, Gen.Choose(1, 12)), (2, Gen.Choose(13, 40)))
        let quarterStart = new LocalDate(2012 + (quarter / 4), ((quarter % 4) * 3) + 1, 1)
        from releases in Gen.ArrayOf(Date(quarterStart, ReoffendingModel.QuarterEnd(quarterStart)), size)
        let participants = releases
            .Select((r, i) => new Participant(
                new ParticipantId(string.Create(CultureInfo.InvariantCulture, $"R{quarter:D2}{i:D4}")), PilotNorth, r, Attributes()))
            .ToImmutableArray()
        from evidence in Gen.CollectToArray(participants, ReoffenceTimeline)
        from asOf in Gen.Choose(-60, 400).Select(ReoffendingModel.QuarterEnd(quarterStart).PlusDays(ReoffendingModel.WaitingDays).PlusDays)
        from knownAt in KnownAt(asOf)
        select new ReoffendingCohortCase(participants, [.. evidence.SelectMany(e => e)], asOf, knownAt);

    /// <summary>Builds an ordinal attribute map.</summary>
    public static ImmutableSortedDictionary<string, string> Attributes(params (string Name, string Value)[] attributes) =>
        attributes.ToImmutableSortedDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);

    // Mostly K = D; sometimes the run is as known earlier (late evidence unseen) or later (a re-run).
    private static Gen<LocalDate> KnownAt(LocalDate asOf) =>
        Gen.Frequency(
            (3, Gen.Constant(asOf)),
            (1, Gen.Choose(1, 300).Select(d => asOf.PlusDays(-d))),
            (1, Gen.Choose(1, 300).Select(asOf.PlusDays)));

    private static Gen<EvidenceStatus> FirstStatus =>
        Gen.Frequency(
            (7, Gen.Constant(EvidenceStatus.Verified)),
            (2, Gen.Constant(EvidenceStatus.Pending)),
            (1, Gen.Constant(EvidenceStatus.Rejected)));

    private static Gen<int> Lateness =>
        Gen.Frequency((4, Gen.Choose(0, 14)), (1, Gen.Choose(100, 400)));

    private static Gen<EvidenceVersion[]> Spell(Participant participant, int index) =>
        from offset in Gen.Frequency((1, Gen.Choose(-90, -1)), (6, Gen.Choose(0, 400)), (2, Gen.Choose(401, 800)))
        from length in Gen.Frequency(
            (3, Gen.Choose(1, 60).Select(d => (int?)d)),
            (3, Gen.Choose(61, 200).Select(d => (int?)d)),
            (2, Gen.Choose(201, 800).Select(d => (int?)d)),
            (1, Gen.Constant((int?)null)))
        from status in FirstStatus
        from late in Lateness
        from more in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from later in Gen.ArrayOf(Change, more)
        let start = participant.StartDate.PlusDays(offset)
        let end = length is { } l ? start.PlusDays(l - 1) : (LocalDate?)null
        let first = new EvidenceVersion(
            new EvidenceId(string.Create(CultureInfo.InvariantCulture, $"{participant.Id}-E{index}")),
            participant.Id,
            participant.Contract,
            WorkProgrammeModel.EmploymentKind,
            start,
            end,
            status,
            (end ?? start).PlusDays(late),
            Attributes())
        select Versions(first, later);

    private static Gen<EvidenceVersion[]> Reoffence(Participant participant, int index) =>
        from offset in Gen.Frequency((1, Gen.Choose(-30, 0)), (6, Gen.Choose(1, 365)), (1, Gen.Choose(366, 500)))
        from status in FirstStatus
        from delay in Gen.Frequency((5, Gen.Choose(20, 150)), (1, Gen.Choose(151, 700)))
        from more in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)))
        from later in Gen.ArrayOf(Change, more)
        let offence = participant.StartDate.PlusDays(offset)
        let first = new EvidenceVersion(
            new EvidenceId(string.Create(CultureInfo.InvariantCulture, $"{participant.Id}-X{index}")),
            participant.Id,
            participant.Contract,
            ReoffendingModel.ReoffenceKind,
            offence,
            null,
            status,
            offence.PlusDays(delay),
            Attributes())
        select Versions(first, later);

    // A later version: what changed, and how many days after the previous version it was recorded.
    private sealed record VersionChange(int Kind, int DaysLater, int NewLength);

    private static Gen<VersionChange> Change =>
        from kind in Gen.Choose(0, 3)
        from days in Gen.Choose(1, 300)
        from length in Gen.Choose(1, 400)
        select new VersionChange(kind, days, length);

    private static EvidenceVersion[] Versions(EvidenceVersion first, VersionChange[] changes)
    {
        var versions = new List<EvidenceVersion> { first };
        foreach (var change in changes)
        {
            var previous = versions[^1];
            var recorded = previous.RecordedOn.PlusDays(change.DaysLater);
            versions.Add(change.Kind switch
            {
                0 => previous with { Status = EvidenceStatus.Revoked, RecordedOn = recorded },
                1 => previous with { Status = EvidenceStatus.Verified, RecordedOn = recorded },
                2 when previous.Kind == WorkProgrammeModel.EmploymentKind =>
                    previous with { EndDate = previous.StartDate.PlusDays(change.NewLength - 1), RecordedOn = recorded },
                2 => previous with { StartDate = previous.StartDate.PlusDays((change.NewLength % 61) - 30), RecordedOn = recorded },
                _ => previous with { Status = EvidenceStatus.Rejected, RecordedOn = recorded },
            });
        }

        return [.. versions];
    }
}
