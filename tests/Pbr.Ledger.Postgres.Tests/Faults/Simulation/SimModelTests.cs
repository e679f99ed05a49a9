using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// The simulation's model and generator held to hand calculations and to the compiler: if the model
/// were wrong, the simulation would only prove that the engine is wrong the same way.
/// </summary>
[Category("Faults")]
public sealed class SimModelTests
{
    private static readonly LocalDate Jan1 = new(2020, 1, 1);

    [TestCase(1250.5, Rounding.HalfAwayFromZero, 1251)]
    [TestCase(1250.5, Rounding.HalfEven, 1250)]
    [TestCase(1251.5, Rounding.HalfEven, 1252)]
    [TestCase(1250.5, Rounding.TowardZero, 1250)]
    [TestCase(1250.5, Rounding.Down, 1250)]
    [TestCase(1250.5, Rounding.Up, 1251)]
    [TestCase(1250.01, Rounding.Up, 1251)]
    [TestCase(1250.49, Rounding.HalfAwayFromZero, 1250)]
    [TestCase(1250.51, Rounding.HalfEven, 1251)]
    [TestCase(1250.0, Rounding.Up, 1250)]
    public void Round_ByMode_AsDefined(decimal pence, Rounding mode, long expected) =>
        Assert.That(SimModel.Round(pence, mode), Is.EqualTo(expected));

    [Test]
    public void Owed_CumulativeAcrossAGap_JobOnTheFourteenthDayAndTwoBlocks()
    {
        // E1 Jan 1-10 (10 days), E2 from Jan 13: the 14th day is Jan 16 (inside the 4-week window,
        // last day Jan 28). Blocks of 7 from Jan 17 end Jan 23 and Jan 30; the maximum is 2.
        // Every fee x 0.925: £370.00, £1,110.00, £92.50.
        var owed = SimModel.Owed(Scheme(), [Person()], [Spell("E1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10)), Spell("E2", Jan1.PlusDays(12), null, Jan1.PlusDays(19))], new LocalDate(2020, 2, 29), new LocalDate(2020, 2, 29));

        Assert.That(owed, Is.EqualTo(new Dictionary<string, long>
        {
            ["P1||attachment|1"] = 37_000,
            ["P1||job_outcome|1"] = 111_000,
            ["P1||sustainment|1"] = 9_250,
            ["P1||sustainment|2"] = 9_250,
        }));
    }

    [Test]
    public void Owed_SecondSpellNotYetKnown_AttachmentOnly()
    {
        var owed = SimModel.Owed(Scheme(), [Person()], [Spell("E1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10)), Spell("E2", Jan1.PlusDays(12), null, Jan1.PlusDays(19))], new LocalDate(2020, 2, 29), Jan1.PlusDays(14));

        Assert.That(owed, Is.EqualTo(new Dictionary<string, long> { ["P1||attachment|1"] = 37_000 }));
    }

    [Test]
    public void Owed_Continuous_NeedsFourteenUnbrokenDays()
    {
        // Jan 13-26 is the first unbroken run of 14 days; blocks end Feb 2 and Feb 9.
        var owed = SimModel.Owed(Scheme() with { Continuous = true }, [Person()], [Spell("E1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10)), Spell("E2", Jan1.PlusDays(12), null, Jan1.PlusDays(19))], new LocalDate(2020, 2, 8), new LocalDate(2020, 2, 8));

        Assert.That(owed, Is.EqualTo(new Dictionary<string, long>
        {
            ["P1||attachment|1"] = 37_000,
            ["P1||job_outcome|1"] = 111_000,
            ["P1||sustainment|1"] = 9_250,
        }));
    }

    [Test]
    public void Owed_LaterRevocationKnown_JobAndBlocksWithdrawn()
    {
        var e2 = Spell("E2", Jan1.PlusDays(12), null, Jan1.PlusDays(19));
        var owed = SimModel.Owed(Scheme(), [Person()], [Spell("E1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10)), e2, e2 with { Status = EvidenceStatus.Revoked, RecordedOn = new LocalDate(2020, 2, 1) }], new LocalDate(2020, 2, 29), new LocalDate(2020, 2, 29));

        Assert.That(owed, Is.EqualTo(new Dictionary<string, long> { ["P1||attachment|1"] = 37_000 }));
    }

    [Test]
    public void Owed_CapPerParticipant_CutsTheLineThatWouldPassIt()
    {
        // £1,250.00 from job outcome then sustainment: £1,110.00 + £92.50 = £1,202.50; the second block gets £47.50.
        var owed = SimModel.Owed(Scheme() with { CapPence = 125_000 }, [Person()], [Spell("E1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10)), Spell("E2", Jan1.PlusDays(12), null, Jan1.PlusDays(19))], new LocalDate(2020, 2, 29), new LocalDate(2020, 2, 29));

        Assert.That(owed["P1||sustainment|2"], Is.EqualTo(4_750));
        Assert.That(owed["P1||attachment|1"], Is.EqualTo(37_000), "attachment is not in the cap's order");
    }

    [Test]
    public void Owed_CapPerContract_PaidByDueDateThenOutcomeThenParticipant()
    {
        // £2,400.00 for the contract: both job outcomes on Jan 16 (£2,220.00), P1's first block on
        // Jan 23 (£2,312.50), P2's first block on Jan 23 cut to £87.50, nothing for the Jan 30 blocks.
        var scheme = Scheme() with { CapPence = 240_000, CapScope = SimCapScope.Contract };
        Participant[] people = [Person(), Person("P2")];
        EvidenceVersion[] spells =
        [
            Spell("E1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10)), Spell("E2", Jan1.PlusDays(12), null, Jan1.PlusDays(19)),
            Spell("F1", Jan1, Jan1.PlusDays(9), Jan1.PlusDays(10), "P2"), Spell("F2", Jan1.PlusDays(12), null, Jan1.PlusDays(19), "P2"),
        ];

        var owed = SimModel.Owed(scheme, people, spells, new LocalDate(2020, 2, 29), new LocalDate(2020, 2, 29));

        Assert.That(owed, Is.EqualTo(new Dictionary<string, long>
        {
            ["P1||attachment|1"] = 37_000,
            ["P1||job_outcome|1"] = 111_000,
            ["P1||sustainment|1"] = 9_250,
            ["P2||attachment|1"] = 37_000,
            ["P2||job_outcome|1"] = 111_000,
            ["P2||sustainment|1"] = 8_750,
        }));
    }

    [Test]
    public void Generate_FiveHundredSeeds_EveryTariffCompilesWithoutErrors()
    {
        foreach (var seed in Enumerable.Range(1, 500))
        {
            var scheme = SimScheme.Generate(seed, new Random(seed));
            var compilation = TariffCompiler.Compile([new SourceFile("simulated.pbr", scheme.Render())]);
            Assert.That(compilation.HasErrors, Is.False, $"seed {seed}:\n{compilation.Render()}\n{scheme.Render()}");
        }
    }

    private static SimScheme Scheme() => new(
        0, "SIM-0", Jan1, new LocalDate(2020, 12, 31),
        [new SimGroup("Group 1", [new SimFeeRow(Jan1, null, 40_000, 120_000, JobWeeks: 2, WindowWeeks: 4, 10_000, BlockDays: 7, MaxBlocks: 2)])],
        Continuous: false, DiscountPercent: 7.5m, Rounding.HalfAwayFromZero, SustainmentRounding: null, CapPence: null, SimCapScope.Participant, CapOrder: ["job_outcome", "sustainment"]);

    private static Participant Person(string id = "P1") =>
        new(new ParticipantId(id), new ContractId("SIM-0"), Jan1, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("payment_group", "Group 1")]));

    private static EvidenceVersion Spell(string id, LocalDate start, LocalDate? end, LocalDate recordedOn, string participant = "P1") =>
        new(new EvidenceId(id), new ParticipantId(participant), new ContractId("SIM-0"), SimScheme.Employment, start, end, EvidenceStatus.Verified, recordedOn,
            ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));
}
