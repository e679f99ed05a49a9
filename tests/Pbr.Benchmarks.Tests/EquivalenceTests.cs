using System.Collections.Immutable;
using Pbr.Benchmarks.Peers;

namespace Pbr.Benchmarks.Tests;

/// <summary>
/// The micro benchmarks compare PbrEngine's compiled Work Programme tariff with the same tariff in
/// Microsoft RulesEngine plus C# glue (tests/Pbr.Benchmarks/RulesEngine). The comparison is only
/// honest while both price every participant the same, so that is checked here on generated data,
/// per participant, with the benchmark project's own code.
/// </summary>
public sealed class EquivalenceTests
{
    /// <summary>Small enough for every test run, large enough to reach every payment group and outcome.</summary>
    public const int Participants = 2_000;

    /// <summary>The seed of the benchmarks and of tests/perf/e2e.sh.</summary>
    public const long Seed = 42;

    private ImmutableArray<ParticipantAmounts> _amounts;

    [OneTimeSetUp]
    public void PriceEveryParticipantBothWays() =>
        _amounts = Equivalence.Amounts(WorkProgrammeData.Create(Participants, Seed), new RulesEngineTariff());

    [Test]
    public void Amounts_GeneratedParticipants_EveryParticipantAgrees()
    {
        Assert.That(_amounts, Has.Length.EqualTo(Participants));
        var differences = _amounts.Where(a => !a.Agree).Select(a => a.ToString()).ToList();
        Assert.That(differences, Is.Empty, $"{differences.Count} of {Participants} participants differ");
    }

    [Test]
    public void Amounts_GeneratedParticipants_ReachEveryPaymentGroupOutcomeAndTaperYear()
    {
        // Agreement means little if the data only ever reaches the attachment fee: the generated
        // participants must cover all nine fee rows, all three outcomes and all four taper steps
        // (the financial years 2011-12 to 2013-14, and later starts whose attachment is zero).
        var groups = _amounts.Select(a => a.Case.Participant.Attributes["payment_group"]).Distinct().ToList();
        Assert.That(groups, Has.Count.EqualTo(9), string.Join(", ", groups));

        var outcomes = _amounts.SelectMany(a => a.Engine.Lines).Select(l => l.Outcome).Distinct().Order().ToList();
        Assert.That(outcomes, Is.EqualTo(new[] { "attachment", "job_outcome", "sustainment" }));

        var startYears = _amounts.Select(a => FinancialYear(a.Case.Participant.StartDate)).Distinct().Order().ToList();
        Assert.That(startYears, Is.SupersetOf(new[] { 2011, 2012, 2013, 2014 }));

        var contracts = _amounts.Select(a => a.Case.Contract.Id.Value).Distinct().Order().ToList();
        Assert.That(contracts, Is.EqualTo(new[] { "WP-CPA1-ALPHA", "WP-CPA2-BETA" }));
    }

    [Test]
    public void Agree_RulesEngineOnePennyApart_IsFalse()
    {
        // The check above can fail: a participant whose two totals differ by a penny does not agree.
        var paid = _amounts.First(a => a.EnginePence > 0);
        Assert.That(paid.Agree, Is.True);
        Assert.That((paid with { RulesEnginePence = paid.EnginePence + 1 }).Agree, Is.False);
    }

    private static int FinancialYear(NodaTime.LocalDate date) => date.Month >= 4 ? date.Year : date.Year - 1;
}
