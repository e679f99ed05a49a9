using System.Text;
using Pbr.Core.Model;
using Pbr.Engine.Generation;
using Pbr.Engine.Import;
using Pbr.Engine.Tests.Import;
using Pbr.TestKit.Reference;

namespace Pbr.Engine.Tests.Generation;

public sealed class WorkProgrammeGeneratorTests
{
    [Test]
    public void SplitMix64_MatchesThePublishedSequence()
    {
        // The reference implementation (Vigna, splitmix64.c) seeded with 0 starts with these.
        var random = new SplitMix64(0);

        Assert.That(random.Next(), Is.EqualTo(0xE220A8397B1DCDAFUL));
        Assert.That(random.Next(), Is.EqualTo(0x6E789E6AA1B965F4UL));
        Assert.That(random.Next(), Is.EqualTo(0x06C45D188009454FUL));
    }

    [Test]
    public void Generate_SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        var first = Run(2000, 7);
        var again = Run(2000, 7);
        var other = Run(2000, 8);

        Assert.That(again.Participants, Is.EqualTo(first.Participants));
        Assert.That(again.Evidence, Is.EqualTo(first.Evidence));
        Assert.That(other.Participants, Is.Not.EqualTo(first.Participants));
    }

    [Test]
    public void Generate_Output_ImportsCleanlyWithTheRealisticShape()
    {
        var (participantsText, evidenceText, summary) = Run(3000, 42);

        var people = ParticipantsReader.Read(new StringReader(participantsText), "participants.csv", Catalogs.WorkProgrammeOnly);
        var known = people.Rows.ToDictionary(r => (r.Value.Contract, r.Value.Id), r => r.Value.StartDate);
        var evidence = EvidenceReader.Read(
            new StringReader(evidenceText), "evidence.csv", Catalogs.WorkProgrammeOnly, (c, p) => known.TryGetValue((c, p), out var s) ? s : null);

        Assert.That(people.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(evidence.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(people.Rows, Has.Length.EqualTo(3000));
        Assert.That(evidence.Rows, Has.Length.EqualTo(summary.EvidenceRows));

        var versions = evidence.Rows.Select(r => r.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(people.Rows.Select(r => r.Value.Attributes["payment_group"]).Distinct().Count(), Is.EqualTo(9), "every payment group");
            Assert.That(people.Rows.Select(r => r.Value.Contract).Distinct().Count(), Is.EqualTo(2), "both contracts");
            Assert.That(people.Rows.Select(r => FinancialYear(r.Value.StartDate)).Distinct().Count(), Is.EqualTo(5), "every financial year");
            Assert.That(versions.Any(v => v.Status == EvidenceStatus.Revoked), Is.True, "revocations");
            Assert.That(versions.Any(v => v.Status == EvidenceStatus.Pending), Is.True, "pending");
            Assert.That(versions.Any(v => v.EndDate is null), Is.True, "open spells");
            Assert.That(versions.Any(v => v.RecordedOn > (v.EndDate ?? v.StartDate).PlusDays(56)), Is.True, "records months late");
            Assert.That(versions.GroupBy(v => v.Id).Any(g => g.Count() > 1), Is.True, "several versions");

            // A plausible share reach a job outcome: somewhere between one in ten and two in three.
            var jobOutcomes = people.Rows.Count(r => WorkProgrammeModel.Evaluate(
                r.Value.Attributes["payment_group"], r.Value.StartDate, versions.Where(v => v.Participant == r.Value.Id && v.Contract == r.Value.Contract),
                new NodaTime.LocalDate(2019, 12, 31), new NodaTime.LocalDate(2019, 12, 31), 0m).Any(l => l.Outcome == "job_outcome"));
            Assert.That(jobOutcomes, Is.InRange(300, 2000), "job outcomes");
        });
    }

    [Test]
    public void Generate_MemoryDoesNotGrowWithParticipants()
    {
        var small = PeakManagedBytes(20_000);
        var large = PeakManagedBytes(200_000);

        // Ten times the participants; the heap at each checkpoint stays within a few megabytes.
        Assert.That(large - small, Is.LessThan(4L << 20), $"small {small:N0} bytes, large {large:N0} bytes");
    }

    [Test]
    public void Generate_Zero_WritesHeadersOnly()
    {
        var (participants, evidence, summary) = Run(0, 1);

        Assert.That(participants, Is.EqualTo("participant_id,contract_id,start_date,payment_group\n"));
        Assert.That(evidence, Is.EqualTo("evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n"));
        Assert.That(summary, Is.EqualTo(new GenerationSummary(0, 0)));
    }

    private static long PeakManagedBytes(long participants)
    {
        var peak = 0L;
        WorkProgrammeGenerator.Generate(participants, 3, TextWriter.Null, TextWriter.Null, _ => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true)));
        return peak;
    }

    private static (string Participants, string Evidence, GenerationSummary Summary) Run(long participants, long seed)
    {
        var people = new StringWriter(new StringBuilder());
        var evidence = new StringWriter(new StringBuilder());
        var summary = WorkProgrammeGenerator.Generate(participants, seed, people, evidence);
        return (people.ToString(), evidence.ToString(), summary);
    }

    private static int FinancialYear(NodaTime.LocalDate date) => date.Month >= 4 ? date.Year : date.Year - 1;
}
