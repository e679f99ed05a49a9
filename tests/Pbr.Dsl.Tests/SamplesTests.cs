using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Dsl.Tests;

public sealed class SamplesTests
{
    [Test]
    public void Compile_BothSamples_HaveNoDiagnostics()
    {
        var compilation = Samples.Both;

        Assert.That(compilation.Diagnostics, Is.Empty, compilation.Render());
        Assert.That(compilation.HasErrors, Is.False);
    }

    [Test]
    public void RunTests_BothSamples_EveryInLanguageTestPasses()
    {
        var report = Samples.Both.RunTests();

        Assert.That(report.Failed, Is.Zero, report.Render());
        // 39 cases in work-programme.pbr and 12 in reoffending.pbr, counted in the files.
        Assert.That(report.Passed, Is.EqualTo(51));
    }

    [Test]
    public void Contracts_BothSamples_AreDeclaredWithTheIssuesTerms()
    {
        var contracts = Samples.Both.Contracts;

        Assert.That(contracts.Select(c => c.Id.Value), Is.EqualTo(new[] { "RO-PILOT-NORTH", "WP-CPA1-ALPHA", "WP-CPA2-BETA" }));
        var beta = Samples.Contract("WP-CPA2-BETA");
        Assert.That(beta.Provider.Value, Is.EqualTo("Beta Works plc"));
        Assert.That(beta.Discount.Percent, Is.EqualTo(7.5m));
        Assert.That(beta.StartsOn, Is.EqualTo(new LocalDate(2011, 6, 1)));
        Assert.That(beta.EndsOn, Is.EqualTo(new LocalDate(2016, 3, 31)));
        var alpha = Samples.Contract("WP-CPA1-ALPHA");
        Assert.That(alpha.Provider.Value, Is.EqualTo("Alpha Employment Ltd"));
        Assert.That(alpha.Discount.Percent, Is.Zero);
        var north = Samples.Contract("RO-PILOT-NORTH");
        Assert.That(north.Provider.Value, Is.EqualTo("North Rehabilitation CIC"));
        Assert.That(north.Scheme.Value, Is.EqualTo("reoffending"));
        Assert.That((north.StartsOn, north.EndsOn), Is.EqualTo((new LocalDate(2012, 1, 1), new LocalDate(2014, 12, 31))));
    }

    [Test]
    public void WorkProgramme_Declarations_AreTheNinePaymentGroupsAndEmploymentSpells()
    {
        var scheme = Samples.WorkProgramme;

        var attribute = scheme.ParticipantAttributes.Single();
        Assert.That(attribute.Name, Is.EqualTo("payment_group"));
        Assert.That(attribute.Type, Is.EqualTo(AttributeType.Enumeration));
        Assert.That(attribute.AllowedValues, Is.EqualTo(new[]
        {
            "JSA 18-24", "JSA 25+", "JSA Early Access", "JSA Ex-IB", "ESA Volunteers",
            "New ESA Claimants", "ESA Ex-IB", "IB/IS", "JSA Prison Leavers",
        }));
        var kind = scheme.EvidenceKinds.Single();
        Assert.That((kind.Name, kind.Shape), Is.EqualTo(("employment", EvidenceShape.Spell)));
        Assert.That(scheme.HasCohorts, Is.False);
        Assert.That(Samples.Reoffending.EvidenceKinds.Single().Shape, Is.EqualTo(EvidenceShape.Event));
        Assert.That(Samples.Reoffending.HasCohorts, Is.True);
    }

    [Test]
    public void SourceSha256_Contract_IsTheShaOfTheFileDeclaringIt()
    {
        var compilation = Samples.Both;
        var text = File.ReadAllText(RepositoryPaths.Reoffending);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

        Assert.That(compilation.SourceSha256(new ContractId("RO-PILOT-NORTH")), Is.EqualTo(expected));
        Assert.That(compilation.SourceSha256(new SchemeId("reoffending")), Is.EqualTo(expected));
        Assert.That(compilation.Sources.Single(s => s.Path == RepositoryPaths.Reoffending).Sha256, Is.EqualTo(expected));
        Assert.That(compilation.SourceSha256(new ContractId("WP-CPA1-ALPHA")), Is.Not.EqualTo(expected));
    }

    [Test]
    public void Compile_SameSourcesTwice_ReturnsTheCachedCompilation()
    {
        var first = Samples.Both;
        var second = Samples.Both;

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void EvaluateParticipant_BetaSustainment_ExplainsTheUnroundedAmountAndRounding()
    {
        var participant = new Participant(
            new ParticipantId("P1"), new ContractId("WP-CPA2-BETA"), new LocalDate(2011, 6, 1),
            ImmutableSortedDictionary<string, string>.Empty.Add("payment_group", "New ESA Claimants"));
        var evidence = new[] { Spell("E2", new LocalDate(2011, 7, 1), null), Spell("E1", new LocalDate(2011, 6, 1), new LocalDate(2011, 6, 30)) };

        var result = Samples.WorkProgramme.EvaluateParticipant(
            Samples.Contract("WP-CPA2-BETA"), participant, evidence, new LocalDate(2011, 10, 1), new LocalDate(2011, 10, 1));

        Assert.That(result.Problems, Is.Empty);
        var sustainment = result.Lines.Single(l => l.Outcome == "sustainment");
        // £215.00 x 0.925 = £198.875, rounded half away from zero to £198.88.
        Assert.That(sustainment.Amount, Is.EqualTo(Money.FromPence(19888)));
        Assert.That(sustainment.Explanation.UnroundedPounds, Is.EqualTo("198.875"));
        Assert.That(sustainment.Explanation.Rounding, Is.EqualTo(Rounding.HalfAwayFromZero));
        Assert.That(sustainment.Explanation.RuleLocation, Does.StartWith("work-programme.pbr("));
        Assert.That(sustainment.Rule, Is.EqualTo("sustainment"));
        Assert.That(sustainment.Explanation.Steps.Select(s => s.Kind), Does.Contain("table").And.Contain("evidence").And.Contain("rounding"));
        Assert.That(sustainment.Explanation.Steps.Any(s => s.Text.Contains("sustainment = £215.00", StringComparison.Ordinal)), Is.True);
        // The job outcome on 2011-08-30 used both spells (E1 in June, E2 from July); ids come sorted.
        var job = result.Lines.Single(l => l.Outcome == "job_outcome");
        Assert.That(job.EvidenceIds.Select(e => e.Value), Is.EqualTo(new[] { "E1", "E2" }));
        Assert.That(job.Participant, Is.EqualTo(new ParticipantId("P1")));
        Assert.That(job.Cohort, Is.Null);
    }

    [Test]
    public void EvaluateParticipant_UnknownEvidenceKind_IsReportedAsBadData()
    {
        var participant = new Participant(
            new ParticipantId("P1"), new ContractId("WP-CPA1-ALPHA"), new LocalDate(2011, 6, 1),
            ImmutableSortedDictionary<string, string>.Empty.Add("payment_group", "JSA 25+"));
        var evidence = new[] { Spell("E1", new LocalDate(2011, 6, 1), null) with { Kind = "payslip", Contract = new ContractId("WP-CPA1-ALPHA") } };

        var result = Samples.WorkProgramme.EvaluateParticipant(
            Samples.Contract("WP-CPA1-ALPHA"), participant, evidence, new LocalDate(2011, 7, 1), new LocalDate(2011, 7, 1));

        Assert.That(result.Problems.Single().Kind, Is.EqualTo(ProblemKind.BadData));
        Assert.That(result.Problems.Single().Message, Does.Contain("payslip"));
        // The attachment does not depend on evidence: £400.00 on the start date.
        Assert.That(result.Lines.Single().Amount, Is.EqualTo(Money.FromPence(40000)));
    }

    [Test]
    public void EvaluateCohort_SettledCohort_LinesCarryTheCohortAndNoParticipant()
    {
        var contract = Samples.Contract("RO-PILOT-NORTH");
        var participants = Enumerable.Range(1, 4)
            .Select(i => new Participant(new ParticipantId($"A{i}"), contract.Id, new LocalDate(2012, 2, 1), ImmutableSortedDictionary<string, string>.Empty))
            .ToList();

        Assert.That(Samples.Reoffending.CohortOf(contract, participants[0]), Is.EqualTo("2012-Q1"));
        var result = Samples.Reoffending.EvaluateCohort(contract, "2012-Q1", participants, [], new LocalDate(2013, 9, 29), new LocalDate(2013, 9, 29));

        // 4 released, none reoffended: binary £5,000.00 x 0.55 x 4 = £11,000.00; frequency £1,200.00 x 1.40 x 4 = £6,720.00.
        Assert.That(result.Lines.Select(l => (l.Outcome, l.Amount.Pence, l.Cohort, l.Participant)), Is.EqualTo(new[]
        {
            ("binary_reduction", 1_100_000L, (string?)"2012-Q1", (ParticipantId?)null),
            ("frequency_reduction", 672_000L, (string?)"2012-Q1", (ParticipantId?)null),
        }));
        Assert.That(Samples.WorkProgramme.CohortOf(Samples.Contract("WP-CPA1-ALPHA"), participants[0]), Is.Null);
    }

    private static EvidenceVersion Spell(string id, LocalDate start, LocalDate? end) =>
        new(new EvidenceId(id), new ParticipantId("P1"), new ContractId("WP-CPA2-BETA"), "employment", start, end,
            EvidenceStatus.Verified, start, ImmutableSortedDictionary<string, string>.Empty);
}
