using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Dsl.Tests;

/// <summary>The constructs the samples do not use, in <c>Features/features.pbr</c>, with their in-language tests.</summary>
public sealed class FeaturesTests
{
    private static TariffCompilation Compilation =>
        TariffCompiler.Compile([RepositoryPaths.Read(Path.Combine(RepositoryPaths.Root, "tests", "Pbr.Dsl.Tests", "Features", "features.pbr"))]);

    [Test]
    public void RunTests_Features_EveryCasePasses()
    {
        var compilation = Compilation;
        Assert.That(compilation.Diagnostics, Is.Empty, compilation.Render());

        var report = compilation.RunTests();

        Assert.That(report.Failed, Is.Zero, report.Render());
        Assert.That(report.Passed, Is.EqualTo(7));
    }

    [Test]
    public void EvaluateParticipant_CapCutsALine_ExplainsTheCut()
    {
        var contract = Compilation.Contracts.Single();
        var participant = new Participant(
            new ParticipantId("P1"), contract.Id, new LocalDate(2020, 2, 1),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["band"] = "high",
                ["referral_bonus"] = "10.00",
                ["referred_on"] = "2020-05-01",
            }));
        var work = new EvidenceVersion(
            new EvidenceId("W1"), participant.Id, contract.Id, "work", new LocalDate(2020, 2, 1), null,
            EvidenceStatus.Verified, new LocalDate(2020, 2, 1), ImmutableSortedDictionary<string, string>.Empty);

        var result = Compilation.Scheme(new SchemeId("features"))
            .EvaluateParticipant(contract, participant, [work], new LocalDate(2020, 4, 30), new LocalDate(2020, 4, 30));

        // £200.00 welcome, then £100.00 streak cut to the £50.00 left of the £250.00 cap.
        var streak = result.Lines.Single(l => l.Outcome == "streak");
        Assert.That(streak.Amount, Is.EqualTo(Money.FromPence(5000)));
        var cap = streak.Explanation.Steps.Single(s => s.Kind == "cap");
        Assert.That(cap.Text, Is.EqualTo("cap £250.00 = £250.00 per participant, allocated in order welcome, streak, repeat: £100.00 cut to the £50.00 left"));
        Assert.That(result.Lines.Select(l => l.Outcome), Is.EqualTo(new[] { "welcome", "streak" }));
    }
}
