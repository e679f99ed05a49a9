using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Calculation;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Engine.Tests.Calculation;

public sealed class CalculatorTests
{
    private static readonly ToyScheme Scheme = new();

    [Test]
    public void Calculate_VerifiedSpellOf90Days_PaysAttachmentJobAndTwoSustainments()
    {
        // Start 2024-01-10; spell 2024-02-01.. open. Job due 02-01 + 28 = 02-29.
        // Sustainments due 02-29 + 28 = 03-28 and 03-28 + 28 = 04-25; the third (05-23) is after the as-of 2024-05-01.
        // Total £100 + £1,000 + 2 × £250 = £1,600.00 = 160000p. Cohort 2024-Q1 closes 03-31 + 90 = 06-29, after the as-of.
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var e = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));

        var result = Calculator.Calculate(Rows.Contract, Scheme, [p], [e], new LocalDate(2024, 5, 1), new LocalDate(2024, 5, 1));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Lines.Select(l => (l.Outcome, l.Instalment, l.Amount.Pence, l.DueDate)), Is.EqualTo(new[]
        {
            ("attachment", 1, 10000L, new LocalDate(2024, 1, 10)),
            ("job", 1, 100000L, new LocalDate(2024, 2, 29)),
            ("sustain", 1, 25000L, new LocalDate(2024, 3, 28)),
            ("sustain", 2, 25000L, new LocalDate(2024, 4, 25)),
        }));
    }

    [Test]
    public void Calculate_EvidenceRecordedAfterKnownAt_IsNotSeen()
    {
        // The spell is only recorded on 2024-04-02; known at 2024-04-01 it does not exist: attachment only (£100).
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var e = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 4, 2));

        var result = Calculator.Calculate(Rows.Contract, Scheme, [p], [e], new LocalDate(2024, 5, 1), new LocalDate(2024, 4, 1));

        Assert.That(result.Lines.Select(l => l.Outcome), Is.EqualTo(new[] { "attachment" }));
    }

    [Test]
    public void Calculate_ClosedCohort_OneLinePerCohortAfterParticipantLines()
    {
        // Two Q1 participants, one with a job: cohort 2024-Q1 closes 2024-06-29 and pays 1 × £50.
        var a = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var b = Rows.Participant("B1", new LocalDate(2024, 2, 10));
        var e = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 15), new LocalDate(2024, 2, 5));

        var result = Calculator.Calculate(Rows.Contract, Scheme, [b, a], [e], new LocalDate(2024, 7, 1), new LocalDate(2024, 7, 1));

        var cohort = result.Lines.Single(l => l.Cohort is not null);
        Assert.That((cohort.Cohort, cohort.Amount.Pence, cohort.DueDate), Is.EqualTo(("2024-Q1", 5000L, new LocalDate(2024, 6, 29))));
        Assert.That(result.Lines.Select(l => l.Key), Is.Ordered, "lines come out in key order");
    }

    [Test]
    public void Calculate_ParticipantOfAnotherContract_Throws()
    {
        var stranger = Rows.Participant("A1", new LocalDate(2024, 1, 10)) with { Contract = new ContractId("OTHER") };

        Assert.That(
            () => Calculator.Calculate(Rows.Contract, Scheme, [stranger], [], new LocalDate(2024, 5, 1), new LocalDate(2024, 5, 1)),
            Throws.ArgumentException);
    }

    [Test]
    public void Calculate_SchemePricesOneKeyTwice_RulesConflictProblemRatherThanNetting()
    {
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));

        var result = Calculator.Calculate(Rows.Contract, new DoublingScheme(), [p], [], new LocalDate(2024, 5, 1), new LocalDate(2024, 5, 1));

        Assert.That(result.Problems.Select(x => (x.Kind, x.Subject)), Is.EqualTo(new[] { (ProblemKind.RulesConflict, "attachment_fee") }));
    }

    [Test]
    public void Plan_WithProblems_PostsNoLines()
    {
        // A participant with payment group "broken" is bad data for the toy scheme; nothing is planned.
        var input = Rows.Input([Rows.Participant("A1", new LocalDate(2024, 1, 10)), Rows.Participant("B1", new LocalDate(2024, 1, 10), "broken")], [], new LocalDate(2024, 5, 1));

        var plan = Pbr.Engine.Settlement.SettlementPlanner.Plan(input, [], Pbr.Engine.Hashing.Sha256Hex.Genesis);

        Assert.That(plan.Lines, Is.Empty);
        Assert.That(plan.Problems.Single().Subject, Is.EqualTo("B1"));
    }

    /// <summary>The toy scheme with every participant line produced twice: a scheme bug the calculator must report.</summary>
    private sealed class DoublingScheme : Pbr.Dsl.ISchemeRules
    {
        private readonly ToyScheme _inner = new();

        public SchemeId Id => _inner.Id;

        public IReadOnlyList<Pbr.Dsl.AttributeDeclaration> ParticipantAttributes => _inner.ParticipantAttributes;

        public IReadOnlyList<Pbr.Dsl.EvidenceKindDeclaration> EvidenceKinds => _inner.EvidenceKinds;

        public bool HasCohorts => false;

        public Pbr.Dsl.EvaluationResult EvaluateParticipant(ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
        {
            var once = _inner.EvaluateParticipant(contract, participant, evidence, asOf, knownAt);
            return once with { Lines = once.Lines.AddRange(once.Lines) };
        }

        public string? CohortOf(ContractTerms contract, Participant participant) => null;

        public Pbr.Dsl.EvaluationResult EvaluateCohort(
            ContractTerms contract, string cohort, IReadOnlyList<Participant> participants, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt) =>
            Pbr.Dsl.EvaluationResult.Empty;
    }
}
