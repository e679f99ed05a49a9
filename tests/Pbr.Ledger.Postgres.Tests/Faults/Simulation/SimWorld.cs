using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// The participants and evidence of one simulation, delivered in batches as time goes on: spells of
/// varied length with gaps and overlaps, open spells, <c>recorded_on</c> dates that come late (after
/// the period was settled) or lie ahead of the next run, corrections (a new version of the same
/// evidence id), revocations, reinstatements and backdated versions that a later one overrides.
/// </summary>
internal sealed class SimWorld(SimScheme scheme, Random random)
{
    private const int MaxParticipants = 60;
    private readonly List<Participant> _participants = [];
    private readonly Dictionary<string, List<EvidenceVersion>> _versions = new(StringComparer.Ordinal);
    private int _evidenceCount;

    /// <summary>Gets every participant delivered so far.</summary>
    public IReadOnlyList<Participant> Participants => _participants;

    /// <summary>Gets every evidence version delivered so far.</summary>
    public IEnumerable<EvidenceVersion> Evidence => _versions.Values.SelectMany(v => v);

    /// <summary>Draws the next delivery, about events up to around <paramref name="clock"/>.</summary>
    public SimBatch NextBatch(LocalDate clock)
    {
        var people = ImmutableArray.CreateBuilder<Participant>();
        var count = _participants.Count == 0 ? random.Next(5, 13) : random.Next(0, 7);
        for (var i = 0; i < count && _participants.Count < MaxParticipants; i++)
        {
            var p = NewParticipant(clock);
            _participants.Add(p);
            people.Add(p);
        }

        var evidence = ImmutableArray.CreateBuilder<EvidenceVersion>();
        var amendments = 0;
        for (var i = random.Next(1, 21); i > 0; i--)
        {
            var roll = random.Next(0, 100);
            var version = roll < 50 || _versions.Count == 0 ? NewSpell(clock) : Amend(roll, clock);
            if (version is null)
            {
                continue;
            }

            amendments += _versions.ContainsKey(version.Id.Value) ? 1 : 0;
            Add(version);
            evidence.Add(version);
        }

        return new SimBatch(people.ToImmutable(), evidence.ToImmutable()) { Amendments = amendments };
    }

    private Participant NewParticipant(LocalDate clock)
    {
        var earliest = Max(scheme.Starts, clock.PlusDays(-120));
        var latest = Min(scheme.Ends, clock.PlusDays(30));
        var start = earliest > latest ? scheme.Ends : earliest.PlusDays(random.Next(0, Days(earliest, latest) + 1));
        var group = scheme.Groups[random.Next(scheme.Groups.Length)].Name;
        var id = string.Create(CultureInfo.InvariantCulture, $"P{_participants.Count + 1:D3}");
        return new Participant(new ParticipantId(id), new ContractId(scheme.ContractId), start, Attributes(("payment_group", group)));
    }

    private EvidenceVersion NewSpell(LocalDate clock)
    {
        var who = _participants[random.Next(_participants.Count)];
        var start = who.StartDate.PlusDays(random.Next(-20, Math.Max(1, Days(who.StartDate, clock) + 20)));
        LocalDate? end = random.Next(0, 4) == 0 ? null : start.PlusDays(random.Next(0, 5) < 3 ? random.Next(0, 60) : random.Next(60, 250));
        var status = random.Next(0, 100) switch
        {
            < 80 => EvidenceStatus.Verified,
            < 88 => EvidenceStatus.Pending,
            < 94 => EvidenceStatus.Rejected,
            _ => EvidenceStatus.Revoked,
        };
        // Recorded on the spell's start or up to four months later: often after the run that settled
        // the period it proves (late evidence), sometimes after the next run's known-at date.
        var id = string.Create(CultureInfo.InvariantCulture, $"E{++_evidenceCount:D4}");
        return Version(id, who.Id, start, end, status, start.PlusDays(random.Next(0, 120)));
    }

    private EvidenceVersion? Amend(int roll, LocalDate clock)
    {
        var versions = _versions.Values.ElementAt(random.Next(_versions.Count));
        var latest = versions.MaxBy(v => v.RecordedOn)!;
        var later = Max(latest.RecordedOn, clock.PlusDays(-60)).PlusDays(random.Next(1, 60));
        var version = roll switch
        {
            // A correction: the same evidence id with another end (or no end), verified.
            < 70 => latest with
            {
                EndDate = random.Next(0, 5) == 0 ? null : latest.StartDate.PlusDays(random.Next(0, 300)),
                Status = EvidenceStatus.Verified,
                RecordedOn = later,
            },
            < 85 => latest with { Status = EvidenceStatus.Revoked, RecordedOn = later },
            < 90 => latest with { Status = EvidenceStatus.Verified, RecordedOn = later },
            // A backdated version: recorded before the latest one, so it is in force only for runs known between the two.
            _ => latest with
            {
                EndDate = latest.StartDate.PlusDays(random.Next(0, 200)),
                Status = random.Next(0, 2) == 0 ? EvidenceStatus.Verified : EvidenceStatus.Revoked,
                RecordedOn = latest.RecordedOn.PlusDays(-random.Next(1, 30)),
            },
        };
        return versions.Exists(v => v.RecordedOn == version.RecordedOn) ? null : version;
    }

    private void Add(EvidenceVersion version)
    {
        if (!_versions.TryGetValue(version.Id.Value, out var list))
        {
            _versions[version.Id.Value] = list = [];
        }

        list.Add(version);
    }

    private EvidenceVersion Version(string id, ParticipantId who, LocalDate start, LocalDate? end, EvidenceStatus status, LocalDate recordedOn) =>
        new(new EvidenceId(id), who, new ContractId(scheme.ContractId), SimScheme.Employment, start, end, status, recordedOn, Attributes());

    private static ImmutableSortedDictionary<string, string> Attributes(params (string Name, string Value)[] pairs) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    private static int Days(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days;

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;
}
