using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Calculation;

namespace Pbr.Engine.Tests.Calculation;

/// <summary>
/// Caps over a whole contract, written in the language and applied by the calculator across every
/// participant. The Work Programme sample gains one cap on job outcomes; three JSA Early Access
/// participants on WP-CPA1-ALPHA (no discount) are employed from their start dates, so each earns a
/// £1,200.00 job outcome 13 weeks (91 days) in: P1 on 2011-08-30, P2 on 2011-08-31 (contract year 1,
/// 2011-06-01 to 2012-05-31) and P3 on 2012-08-30 (contract year 2).
/// </summary>
public sealed class ContractCapsTests
{
    private static readonly ContractId Alpha = new("WP-CPA1-ALPHA");

    [Test]
    public void Calculate_CapPerContractYear_SecondJobOutcomeCutToWhatIsLeftAndYearTwoStartsAfresh()
    {
        var jobs = JobOutcomes("cap £1,500.00 per contract year in order job_outcome");

        // Year 1: P1 takes £1,200.00 of £1,500.00; P2 gets the £300.00 left. Year 2: P3 in full.
        Assert.That(jobs.Select(l => (l.Participant!.Value.Value, l.Amount.Pence)), Is.EqualTo(new[] { ("P1", 120_000L), ("P2", 30_000L), ("P3", 120_000L) }));
        var cut = jobs[1].Explanation.Steps.Last();
        Assert.That(cut.Kind, Is.EqualTo("cap"));
        Assert.That(cut.Text, Does.Contain("year 1 (2011-06-01 to 2012-05-31)").And.Contain("£1,200.00 cut to the £300.00 left"));
    }

    [Test]
    public void Calculate_CapPerContract_LinesAfterTheCapIsSpentAreDropped()
    {
        var jobs = JobOutcomes("cap £1,500.00 per contract in order job_outcome");

        Assert.That(jobs.Select(l => (l.Participant!.Value.Value, l.Amount.Pence)), Is.EqualTo(new[] { ("P1", 120_000L), ("P2", 30_000L) }));
    }

    [Test]
    public void Calculate_CapPerContract_OtherOutcomesAreNotCapped()
    {
        var lines = Calculate("cap £1,500.00 per contract in order job_outcome", new LocalDate(2012, 9, 30));

        // Attachments: P1 and P2 start in 2011-12 (£400.00 each); P3 on 2012-06-01, year 2012-13 at 75% (£300.00).
        Assert.That(lines.Where(l => l.Outcome == "attachment").Select(l => l.Amount.Pence), Is.EqualTo(new[] { 40_000L, 40_000L, 30_000L }));
    }

    [Test]
    public void ContractCapsYearOf_DatesAroundTheAnniversary()
    {
        var terms = Compile("cap £1.00 per contract in order job_outcome").Contracts.Single(c => c.Id == Alpha);

        Assert.That(ContractCaps.YearOf(terms, new LocalDate(2012, 5, 31)), Is.EqualTo(1));
        Assert.That(ContractCaps.YearOf(terms, new LocalDate(2012, 6, 1)), Is.EqualTo(2));
    }

    [Test]
    public void Compile_ContractCapPerYear_ExposesLimitScopeAndOrder()
    {
        var compilation = Compile("cap £1,500.00 per contract year in order job_outcome, sustainment");

        Assert.That(compilation.HasErrors, Is.False, compilation.Render());
        var cap = compilation.Scheme(new SchemeId("work_programme")).ContractCaps(compilation.Contracts[0]).Single();
        Assert.That((cap.Limit.Pence, cap.Scope, string.Join(",", cap.OutcomeOrder)), Is.EqualTo((150_000L, CapScope.ContractYear, "job_outcome,sustainment")));
    }

    private static List<Entitlement> JobOutcomes(string cap) =>
        [.. Calculate(cap, new LocalDate(2012, 9, 30)).Where(l => l.Outcome == "job_outcome")];

    private static ImmutableArray<Entitlement> Calculate(string cap, LocalDate asOf)
    {
        var compilation = Compile(cap);
        Assert.That(compilation.HasErrors, Is.False, compilation.Render());
        var terms = compilation.Contracts.Single(c => c.Id == Alpha);
        var people = new[] { ("P1", new LocalDate(2011, 6, 1)), ("P2", new LocalDate(2011, 6, 2)), ("P3", new LocalDate(2012, 6, 1)) };
        var participants = people.Select(p => new Participant(new ParticipantId(p.Item1), Alpha, p.Item2,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("payment_group", "JSA Early Access")]))).ToList();
        var evidence = people.Select(p => new EvidenceVersion(new EvidenceId("E" + p.Item1), new ParticipantId(p.Item1), Alpha, "employment",
            p.Item2, p.Item2.PlusDays(120), EvidenceStatus.Verified, p.Item2.PlusDays(1), ImmutableSortedDictionary<string, string>.Empty)).ToList();
        var result = Calculator.Calculate(terms, compilation.Scheme(terms.Scheme), participants, evidence, asOf, asOf);
        Assert.That(result.Problems, Is.Empty);
        return result.Lines;
    }

    private static TariffCompilation Compile(string cap)
    {
        var text = File.ReadAllText(SamplePath());
        var schemeEnd = text.IndexOf("\nend\n", StringComparison.Ordinal);
        return TariffCompiler.Compile([new SourceFile("capped.pbr", text[..schemeEnd] + "\n\n  " + cap + text[schemeEnd..])]);
    }

    private static string SamplePath() => Pbr.TestKit.RepositoryFiles.WorkProgrammeTariff;
}
