using System.Text;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Calculation;
using Pbr.Engine.Generation;
using Pbr.Engine.Import;
using Pbr.Engine.Tests.Import;

namespace Pbr.Engine.Tests.Calculation;

/// <summary>
/// Settlement prices without explanations (<see cref="Explanations.Omitted"/>); what it posts must be
/// exactly what the explained pricing gives: every key, amount, due date, evidence id and rule.
/// </summary>
public sealed class UnexplainedPricingTests
{
    private TariffCompilation _tariff = null!;
    private List<Participant> _people = null!;
    private List<EvidenceVersion> _evidence = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _tariff = TariffCompiler.Compile([new SourceFile("work-programme.pbr", File.ReadAllText(Pbr.TestKit.RepositoryFiles.WorkProgrammeTariff))]);
        Assert.That(_tariff.HasErrors, Is.False, _tariff.Render());

        var participants = new StringWriter(new StringBuilder());
        var evidence = new StringWriter(new StringBuilder());
        WorkProgrammeGenerator.Generate(4000, 11, participants, evidence);
        var people = ParticipantsReader.Read(new StringReader(participants.ToString()), "participants.csv", Catalogs.WorkProgrammeOnly);
        var starts = people.Rows.ToDictionary(r => (r.Value.Contract, r.Value.Id), r => r.Value.StartDate);
        var versions = EvidenceReader.Read(
            new StringReader(evidence.ToString()), "evidence.csv", Catalogs.WorkProgrammeOnly, (c, p) => starts.TryGetValue((c, p), out var s) ? s : null);
        Assert.That(people.Problems.Concat(versions.Problems), Is.Empty);
        _people = [.. people.Rows.Select(r => r.Value)];
        _evidence = [.. versions.Rows.Select(r => r.Value)];
    }

    [TestCase("2013-03-31", "2013-03-31")]
    [TestCase("2014-03-31", "2013-12-31")]
    [TestCase("2018-03-31", "2018-03-31")]
    public void Calculate_Omitted_SameLinesAsWritten_WithoutTheWords(string asOfText, string knownAtText)
    {
        var asOf = LocalDatePattern(asOfText);
        var knownAt = LocalDatePattern(knownAtText);
        var compared = 0;
        foreach (var contract in _tariff.Contracts)
        {
            var rules = _tariff.Scheme(contract.Scheme);
            var people = _people.Where(p => p.Contract == contract.Id).ToList();
            var evidence = _evidence.Where(e => e.Contract == contract.Id).ToList();

            var written = Calculator.Calculate(contract, rules, people, evidence, asOf, knownAt, Explanations.Written);
            var omitted = Calculator.Calculate(contract, rules, people, evidence, asOf, knownAt, Explanations.Omitted);

            Assert.That(omitted.Lines.Select(Posted), Is.EqualTo(written.Lines.Select(Posted)), contract.Id.Value);
            Assert.That(omitted.Problems, Is.EqualTo(written.Problems), contract.Id.Value);
            Assert.That(written.Lines.All(l => !l.Explanation.Steps.IsEmpty), Is.True, "explained lines carry their words");
            Assert.That(omitted.Lines.All(l => l.Explanation == Explanation.None), Is.True, "settlement lines carry none");
            compared += written.Lines.Count(l => !l.EvidenceIds.IsEmpty);
        }

        // Generated people reach job outcomes and sustainments by each of these dates, so lines resting on evidence were compared.
        Assert.That(compared, Is.GreaterThan(100));
    }

    [TestCase("2014-03-31")]
    public void CalculateEach_HandsOverTheSameLinesAndProblemsAsCalculate(string asOfText)
    {
        // The settlement's streaming form must not differ from the whole calculation in any line or problem.
        var asOf = LocalDatePattern(asOfText);
        foreach (var contract in _tariff.Contracts)
        {
            var rules = _tariff.Scheme(contract.Scheme);
            var people = _people.Where(p => p.Contract == contract.Id).ToList();
            var evidence = _evidence.Where(e => e.Contract == contract.Id).ToList();
            var whole = Calculator.Calculate(contract, rules, people, evidence, asOf, asOf, Explanations.Omitted);
            var handed = new List<Entitlement>();

            var problems = Calculator.CalculateEach(contract, rules, people, evidence, asOf, asOf, Explanations.Omitted, handed.AddRange);

            Assert.That(handed.Select(Posted), Is.EqualTo(whole.Lines.Select(Posted)), contract.Id.Value);
            Assert.That(problems, Is.EqualTo(whole.Problems), contract.Id.Value);
            Assert.That(handed, Is.Not.Empty);
        }
    }

    private static string Posted(Entitlement l) =>
        $"{l.Key.Participant}|{l.Key.Cohort}|{l.Key.Outcome}|{l.Key.Instalment}|{l.Amount.Pence}|{l.DueDate}|{l.Rule}|{string.Join(";", l.EvidenceIds)}";

    private static LocalDate LocalDatePattern(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
