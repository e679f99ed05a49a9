using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Import;
using Pbr.TestKit.Reference;
using NodaTime;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Import;

/// <summary>
/// The committed sample files import without a single problem, and their hand-made edge cases
/// come out of the reference models as the samples' READMEs work them out.
/// </summary>
public sealed class SampleDataTests
{
    private static readonly LocalDate Far = new(2019, 12, 31);

    [TestCase("work-programme", 382, 420)]
    [TestCase("reoffending", 431, 316)]
    public void Sample_ImportsCleanly(string sample, int participants, int evidenceRows)
    {
        var (people, evidence) = Load(sample);

        Assert.That(people.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(evidence.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(people.Rows, Has.Length.EqualTo(participants));
        Assert.That(evidence.Rows, Has.Length.EqualTo(evidenceRows));
    }

    [Test]
    public void WorkProgrammeSample_CoversEveryGroupInEveryFinancialYearOnBothContracts()
    {
        var (people, _) = Load("work-programme");
        var cells = people.Rows
            .Select(r => r.Value)
            .Where(p => p.Id.Value.Length == 7)
            .Select(p => (p.Contract.Value, p.Attributes["payment_group"], FinancialYear(p.StartDate)))
            .Distinct()
            .Count();

        // 2 contracts × 9 groups × 5 financial years.
        Assert.That(cells, Is.EqualTo(90));
    }

    // Expected lines worked out by hand in samples/work-programme/README.md and WorkProgrammeModelTests.
    [TestCase("EXACT-91", "job_outcome", "2011-08-30")]
    [TestCase("EXACT-182", "job_outcome", "2011-11-29")]
    [TestCase("OVERLAP", "job_outcome", "2011-11-29")]
    [TestCase("BEFORE-START", "job_outcome", "2011-08-30")]
    [TestCase("WINDOW-LAST-DAY", "job_outcome", "2013-05-28")]
    [TestCase("CORRECTED", "job_outcome", "2011-08-30")]
    [TestCase("LATE-RECORD", "job_outcome", "2011-08-30")]
    [TestCase("GAP-BREAKS-BLOCK", "sustainment", "2011-10-19")]
    public void WorkProgrammeEdgeCase_AsOfLateOn_HasTheLine(string participant, string outcome, string due)
    {
        var lines = Evaluate(participant, Far, Far);

        Assert.That(lines.First(l => l.Outcome == outcome).DueDate.ToString("yyyy-MM-dd", null), Is.EqualTo(due));
    }

    [TestCase("SHORT-90")]
    [TestCase("SHORT-181")]
    [TestCase("WINDOW-MISSED")]
    [TestCase("PENDING")]
    [TestCase("REJECTED")]
    [TestCase("REVOKED")]
    public void WorkProgrammeEdgeCase_NoJobOutcome(string participant)
    {
        Assert.That(Evaluate(participant, Far, Far).Select(l => l.Outcome), Is.EqualTo(new[] { "attachment" }));
    }

    [Test]
    public void WorkProgrammeEdgeCase_RevokedWasPaidBeforeTheRevocation()
    {
        // Job outcome 30 Aug 2011 (91st day); the revocation is recorded on 15 Jan 2012.
        Assert.That(Evaluate("REVOKED", Far, new LocalDate(2012, 1, 14)).Select(l => l.Outcome), Does.Contain("job_outcome"));
    }

    [Test]
    public void WorkProgrammeEdgeCase_OpenSpellEarnsThePublishedMaximum()
    {
        // ESA Ex-IB: £600 + £3,500 + 26 × £370 = £13,720.
        Assert.That(Evaluate("OPEN-SPELL", Far, Far).Sum(l => l.Pence), Is.EqualTo(1_372_000));
    }

    [Test]
    public void WorkProgrammeEdgeCase_BetaDiscountRounding()
    {
        // JSA 25+ on Beta: sustainment £215 × 0.925 = £198.875, paid as £198.88.
        Assert.That(Evaluate("BETA-ROUNDING", Far, Far).First(l => l.Outcome == "sustainment").Pence, Is.EqualTo(19888));
    }

    [TestCase("FY-2012-03-31", 40000L)]
    [TestCase("FY-2012-04-01", 30000L)]
    [TestCase("FY-2014-03-31", 20000L)]
    public void WorkProgrammeEdgeCase_AttachmentTaper(string participant, long pence)
    {
        Assert.That(Evaluate(participant, Far, Far).Single(), Is.EqualTo(new ModelLine("attachment", 1, pence, Participant(participant).StartDate)));
    }

    [Test]
    public void WorkProgrammeEdgeCase_AttachmentFromApril2014_Nothing()
    {
        Assert.That(Evaluate("FY-2014-04-01", Far, Far), Is.Empty);
    }

    [Test]
    public void ReoffendingEdgeCases_OnlyDay365Qualifies()
    {
        var (people, evidence) = Load("reoffending");
        var versions = evidence.Rows.Select(r => r.Value).ToList();
        var qualifying = people.Rows
            .Select(r => r.Value)
            .Where(p => p.Id.Value.StartsWith("EDGE-", StringComparison.Ordinal))
            .Where(p => KnownEvidence.AsKnownAt(versions.Where(v => v.Participant == p.Id), ReoffendingModel.ReoffenceKind, Far)
                .Any(v => ReoffendingModel.Qualifies(v, p.StartDate)))
            .Select(p => p.Id.Value);

        Assert.That(qualifying, Is.EqualTo(new[] { "EDGE-DAY-365" }));
    }

    [Test]
    public void ReoffendingSample_CapCutsTheBigCohort()
    {
        var (people, evidence) = Load("reoffending");
        var cohort = people.Rows.Select(r => r.Value).Where(p => ReoffendingModel.CohortOf(p.StartDate) == "2013-Q2").ToList();

        var lines = ReoffendingModel.Evaluate(cohort, evidence.Rows.Select(r => r.Value), Far, Far, ReoffendingTerms.PilotNorth);

        // Binary and frequency together would be more than £250,000; the cap leaves exactly that.
        Assert.That(cohort, Has.Count.EqualTo(130));
        Assert.That(lines.Sum(l => l.Pence), Is.EqualTo(25_000_000));
        Assert.That(lines.Select(l => l.Outcome), Is.EqualTo(new[] { "binary_reduction", "frequency_reduction" }));
    }

    private static IReadOnlyList<ModelLine> Evaluate(string participant, LocalDate asOf, LocalDate knownAt)
    {
        var (_, evidence) = Load("work-programme");
        var person = Participant(participant);
        var discount = person.Contract.Value == "WP-CPA2-BETA" ? 7.5m : 0m;
        return WorkProgrammeModel.Evaluate(
            person.Attributes["payment_group"],
            person.StartDate,
            evidence.Rows.Select(r => r.Value).Where(e => e.Participant == person.Id && e.Contract == person.Contract),
            asOf,
            knownAt,
            discount);
    }

    private static Participant Participant(string id) =>
        Load("work-programme").People.Rows.Select(r => r.Value).Single(p => p.Id.Value == id);

    private static int FinancialYear(LocalDate date) => date.Month >= 4 ? date.Year : date.Year - 1;

    private static readonly Dictionary<string, (ImportResult<Participant> People, ImportResult<EvidenceVersion> Evidence)> Loaded = [];

    private static (ImportResult<Participant> People, ImportResult<EvidenceVersion> Evidence) Load(string sample)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(sample, out var loaded))
            {
                return loaded;
            }

            var folder = Path.Combine(RepositoryRoot(), "samples", sample);
            using var participantsFile = File.OpenRead(Path.Combine(folder, "participants.csv"));
            var people = ParticipantsReader.Read(participantsFile, "participants.csv", Samples);
            var known = people.Rows.ToDictionary(r => (r.Value.Contract, r.Value.Id), r => r.Value.StartDate);
            using var evidenceFile = File.OpenRead(Path.Combine(folder, "evidence.csv"));
            var evidence = EvidenceReader.Read(
                evidenceFile, "evidence.csv", Samples, (c, p) => known.TryGetValue((c, p), out var start) ? start : null);
            Loaded[sample] = (people, evidence);
            return (people, evidence);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PbrEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PbrEngine.sln not found above the test directory.");
    }
}
