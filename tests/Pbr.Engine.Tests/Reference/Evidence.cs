using Pbr.Core;
using Pbr.Core.Model;
using Pbr.TestKit.Reference;
using NodaTime;

namespace Pbr.Engine.Tests.Reference;

/// <summary>Short builders for hand-written evidence in the reference model tests.</summary>
internal static class Evidence
{
    public static LocalDate D(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    public static EvidenceVersion Job(string id, string start, string? end, EvidenceStatus status = EvidenceStatus.Verified, string? recorded = null) =>
        new(
            new EvidenceId(id),
            new ParticipantId("P1"),
            TimelineGen.Alpha,
            WorkProgrammeModel.EmploymentKind,
            D(start),
            end is null ? null : D(end),
            status,
            D(recorded ?? "2011-06-01"),
            TimelineGen.Attributes());

    public static EvidenceVersion Offence(string id, string participant, string offence, string recorded, EvidenceStatus status = EvidenceStatus.Verified) =>
        new(
            new EvidenceId(id),
            new ParticipantId(participant),
            TimelineGen.PilotNorth,
            ReoffendingModel.ReoffenceKind,
            D(offence),
            null,
            status,
            D(recorded),
            TimelineGen.Attributes());

    public static Participant Released(string id, string release) =>
        new(new ParticipantId(id), TimelineGen.PilotNorth, D(release), TimelineGen.Attributes());
}
