using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Tests.Fixtures;

/// <summary>
/// Random but reproducible participant and evidence timelines: several versions per evidence id
/// (verified, pending, revoked, late), spells in and out of the job window. The seed is the whole story.
/// </summary>
public sealed record Timeline(IReadOnlyList<Participant> Participants, IReadOnlyList<EvidenceVersion> Evidence)
{
    private static readonly LocalDate Epoch = new(2024, 1, 1);
    private static readonly EvidenceStatus[] Statuses = [EvidenceStatus.Verified, EvidenceStatus.Verified, EvidenceStatus.Pending, EvidenceStatus.Rejected, EvidenceStatus.Revoked];

    public static Timeline Generate(int seed, int participants)
    {
        var random = new Random(seed);
        var people = new List<Participant>();
        var evidence = new List<EvidenceVersion>();
        for (var i = 0; i < participants; i++)
        {
            var id = $"P{i:D4}";
            var start = Epoch.PlusDays(random.Next(0, 365));
            people.Add(Rows.Participant(id, start, random.Next(2) == 0 ? "easy" : "hard"));
            var pieces = random.Next(0, 3);
            for (var e = 0; e < pieces; e++)
            {
                var spellStart = start.PlusDays(random.Next(-10, 120));
                LocalDate? end = random.Next(3) == 0 ? spellStart.PlusDays(random.Next(0, 200)) : null;
                var recorded = spellStart.PlusDays(random.Next(0, 60));
                var versions = random.Next(1, 4);
                for (var v = 0; v < versions; v++)
                {
                    evidence.Add(Rows.Employment($"E{i:D4}-{e}", id, spellStart, end, recorded, Statuses[random.Next(Statuses.Length)]));
                    recorded = recorded.PlusDays(random.Next(1, 90));
                }
            }
        }

        return new Timeline(people, evidence);
    }

    /// <summary>Returns the same rows in an order chosen by <paramref name="seed"/>.</summary>
    public Timeline Shuffled(int seed)
    {
        var random = new Random(seed);
        var people = Participants.ToArray();
        var evidence = Evidence.ToArray();
        random.Shuffle(people);
        random.Shuffle(evidence);
        return new Timeline(people, evidence);
    }
}
