using NodaTime;
using Pbr.Core;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Import;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.TestKit.Reference;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>
/// DESIGN §8.3 on the real Work Programme sample: after every monthly run, the ledger's total per key
/// equals what the independent reference model (tests/Pbr.TestKit/Reference, no code shared with the
/// tariff language) says is due for that key.
/// </summary>
public sealed class WorkProgrammeConservationTests : LedgerFixture
{
    private TariffCompilation _compilation = null!;
    private List<Pbr.Core.Model.Participant> _participants = null!;
    private List<Pbr.Core.Model.EvidenceVersion> _evidence = null!;

    [OneTimeSetUp]
    public async Task ImportTheSampleAsync()
    {
        var folder = SampleFolder("work-programme");
        var path = Path.Combine(folder, "work-programme.pbr");
        _compilation = TariffCompiler.Compile([new SourceFile(path, await File.ReadAllTextAsync(path))]);
        Assert.That(_compilation.HasErrors, Is.False, _compilation.Render());
        var catalog = new ImportCatalog(_compilation.Contracts, _compilation.Schemes);
        var store = new InputStore(App);

        await using (var stream = File.OpenRead(Path.Combine(folder, "participants.csv")))
        {
            var people = ParticipantsReader.Read(stream, "participants.csv", catalog);
            Assert.That(people.IsClean, Is.True, string.Join('\n', people.Problems));
            _participants = [.. people.Rows.Select(r => r.Value)];
            await store.ImportParticipantsAsync(new ImportFile("participants.csv", new string('c', 64), 0), [.. people.Rows.Select(r => new ImportRow<Pbr.Core.Model.Participant>(r.Line, r.Value))]);
        }

        var starts = _participants.ToDictionary(p => (p.Contract, p.Id), p => p.StartDate);
        await using (var stream = File.OpenRead(Path.Combine(folder, "evidence.csv")))
        {
            var evidence = EvidenceReader.Read(stream, "evidence.csv", catalog, (c, p) => starts.TryGetValue((c, p), out var s) ? s : null);
            Assert.That(evidence.IsClean, Is.True, string.Join('\n', evidence.Problems));
            _evidence = [.. evidence.Rows.Select(r => r.Value)];
            await store.ImportEvidenceAsync(new ImportFile("evidence.csv", new string('d', 64), 0), [.. evidence.Rows.Select(r => new ImportRow<Pbr.Core.Model.EvidenceVersion>(r.Line, r.Value))]);
        }
    }

    [Test]
    public async Task SettleMonthly_EveryRun_LedgerPerKeyEqualsTheReferenceModel()
    {
        var runner = new SettlementRunner(App, TransientRetry.Create());
        var catalog = new CompiledTariffCatalog(_compilation);
        var first = _compilation.Contracts.Min(c => c.StartsOn);
        var checkedKeys = 0;
        for (var m = 0; m < 24; m += 3)
        {
            var asOf = first.PlusMonths(m).With(DateAdjusters.EndOfMonth);
            var outcome = await runner.SettleAsync(new SettleRequest(asOf, asOf, [], false, false), catalog);
            Assert.That(outcome.Status, Is.EqualTo(SettleStatus.Settled), string.Join('\n', outcome.Problems));

            foreach (var contract in _compilation.Contracts)
            {
                var expected = new SortedDictionary<string, long>(StringComparer.Ordinal);
                foreach (var p in _participants.Where(p => p.Contract == contract.Id))
                {
                    var own = _evidence.Where(e => e.Contract == contract.Id && e.Participant == p.Id);
                    foreach (var line in WorkProgrammeModel.Evaluate(p.Attributes["payment_group"], p.StartDate, own, asOf, asOf, contract.Discount.Percent))
                    {
                        if (line.Pence != 0)
                        {
                            expected[$"{p.Id}||{line.Outcome}|{line.Instalment}"] = line.Pence;
                        }
                    }
                }

                var actual = await BalancesAsync(contract);
                Assert.That(actual, Is.EqualTo(expected), $"{contract.Id} as of {asOf}");
                checkedKeys += expected.Count;
            }
        }

        Assert.That(checkedKeys, Is.GreaterThan(500), "the sample exercises many keys");
    }

    [Test]
    public async Task SettleMonthly_NoInstalmentBeyondItsMaximumAndNoParticipantAboveTheTariffsTotal()
    {
        // DESIGN §8.4 on the sample after four years of monthly runs: a participant's sustainment
        // instalments never pass the group's maximum, and what a participant holds never passes
        // attachment + job outcome + maximum × sustainment of the published tariff (discounts only lower it).
        var runner = new SettlementRunner(App, TransientRetry.Create());
        var catalog = new CompiledTariffCatalog(_compilation);
        var first = _compilation.Contracts.Min(c => c.StartsOn);
        for (var m = 0; m < 48; m += 6)
        {
            var asOf = first.PlusMonths(m).With(DateAdjusters.EndOfMonth);
            await runner.SettleAsync(new SettleRequest(asOf, asOf, [], false, false), catalog);
        }

        var groups = _participants.ToDictionary(p => p.Id.Value, p => WorkProgrammeTariff.For(p.Attributes["payment_group"]));
        var sustained = 0;
        foreach (var contract in _compilation.Contracts)
        {
            foreach (var byParticipant in (await BalancesAsync(contract)).GroupBy(kv => kv.Key.Split('|')[0]))
            {
                var tariff = groups[byParticipant.Key];
                var instalments = byParticipant.Where(kv => kv.Key.Split('|')[2] == "sustainment").Select(kv => int.Parse(kv.Key.Split('|')[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                sustained += instalments.Count;
                Assert.That(instalments, Has.All.InRange(1, tariff.MaxSustainments), byParticipant.Key);
                Assert.That(byParticipant.Sum(kv => kv.Value), Is.LessThanOrEqualTo(tariff.MaxTotalPence), byParticipant.Key);
            }
        }

        Assert.That(sustained, Is.GreaterThan(100), "the sample pays many sustainments");
    }

    private static string SampleFolder(string name)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"samples/{name} not found above {TestContext.CurrentContext.TestDirectory}");
    }
}
