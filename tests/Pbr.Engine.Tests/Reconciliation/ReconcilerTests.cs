using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Reconciliation;

namespace Pbr.Engine.Tests.Reconciliation;

/// <summary>
/// Claims against the ledger on the Work Programme sample (contract WP-CPA1-ALPHA, no discount).
/// P1 (JSA 18-24, start 2011-06-01) is employed from the start date with an open spell: 26 weeks =
/// 182 days, so the job outcome (£1,200.00) falls due on 2011-11-29.
/// </summary>
public sealed class ReconcilerTests
{
    private static readonly ContractId Alpha = new("WP-CPA1-ALPHA");
    private static readonly ParticipantId P1 = new("P1");
    private static readonly ParticipantId P2 = new("P2");
    private static readonly LocalDate Start = new(2011, 6, 1);
    private TariffCompilation _tariff = null!;

    [OneTimeSetUp]
    public void Compile()
    {
        _tariff = TariffCompiler.Compile([new SourceFile("work-programme.pbr", File.ReadAllText(SamplePath()))]);
        Assert.That(_tariff.HasErrors, Is.False, _tariff.Render());
    }

    [Test]
    public void Reconcile_ClaimEqualsLedger_Matched()
    {
        var report = Reconcile(new LocalDate(2011, 12, 31), [Claim(P1, "attachment", 1, 40_000)], Ledger((P1, "attachment", 1, 40_000)));

        Assert.That(report.Entries.Single().Status, Is.EqualTo(ReconcileStatus.Matched));
        Assert.That(report.AllMatched, Is.True);
    }

    [Test]
    public void Reconcile_DueButNotYetSettled_SaysTheNextRunWillPostIt()
    {
        var report = Reconcile(new LocalDate(2011, 12, 31), [Claim(P1, "job_outcome", 1, 120_000)], Ledger());

        var entry = report.Entries.Single();
        Assert.That(entry.Status, Is.EqualTo(ReconcileStatus.NotInLedger));
        Assert.That(entry.Reason, Is.EqualTo("£1,200.00 fell due on 2011-11-29, but no run has settled it yet: the next run as of 2011-12-31 or later will post it"));
    }

    [Test]
    public void Reconcile_ThresholdAfterTheAsOfDate_NamesTheDate()
    {
        var report = Reconcile(new LocalDate(2011, 10, 31), [Claim(P1, "job_outcome", 1, 120_000)], Ledger());

        Assert.That(report.Entries.Single().Reason,
            Is.EqualTo("job_outcome 1 falls due on 2011-11-29 on the evidence known now, after the as-of date 2011-10-31"));
    }

    [Test]
    public void Reconcile_EvidencePending_SaysItIsNotYetVerified()
    {
        var pending = Employment("E9", P2, EvidenceStatus.Pending);
        var report = Reconcile(new LocalDate(2011, 12, 31), [Claim(P2, "job_outcome", 1, 120_000)], Ledger(), extraEvidence: [pending]);

        Assert.That(report.Entries.Single().Reason,
            Is.EqualTo("not earned on verified evidence as of 2011-12-31: employment E9 is pending (only verified evidence earns money)"));
    }

    [Test]
    public void Reconcile_UnknownParticipant_SaysToImportThem()
    {
        var report = Reconcile(new LocalDate(2011, 12, 31), [Claim(new ParticipantId("NOBODY"), "attachment", 1, 40_000)], Ledger());

        Assert.That(report.Entries.Single().Reason, Does.StartWith("the participant is not in the ledger"));
    }

    [Test]
    public void Reconcile_LedgerLineNotClaimed_AndAmountThatDiffers_AreBothReported()
    {
        // The ledger holds £1,200.00 for the job outcome, claimed as £1,250.00; the attachment is not claimed.
        var report = Reconcile(
            new LocalDate(2011, 12, 31),
            [Claim(P1, "job_outcome", 1, 125_000)],
            Ledger((P1, "job_outcome", 1, 120_000), (P1, "attachment", 1, 40_000)));

        Assert.That(report.Entries.Select(e => (e.Status, e.Outcome)), Is.EqualTo(new[]
        {
            (ReconcileStatus.AmountDiffers, "job_outcome"),
            (ReconcileStatus.NotClaimed, "attachment"),
        }));
        Assert.That(report.Entries[0].Reason, Does.StartWith("the ledger holds £1,200.00, which is what the tariff gives as of 2011-12-31"));
        Assert.That(report.AllMatched, Is.False);
    }

    [Test]
    public void DifferencesCsv_Write_OneRecordPerDifferenceWithTheReason()
    {
        var report = Reconcile(new LocalDate(2011, 10, 31), [Claim(P1, "job_outcome", 1, 120_000), Claim(P1, "attachment", 1, 40_000)], Ledger((P1, "attachment", 1, 40_000)));
        using var writer = new StringWriter();

        DifferencesCsv.Write(writer, report);

        Assert.That(writer.ToString(), Is.EqualTo(
            "status,participant_id,outcome,instalment,claimed_amount,ledger_amount,claimed_on,reason\n" +
            "claimed_not_in_ledger,P1,job_outcome,1,1200.00,0.00,2011-12-01,\"job_outcome 1 falls due on 2011-11-29 on the evidence known now, after the as-of date 2011-10-31\"\n"));
    }

    private ReconcileReport Reconcile(
        LocalDate asOf, Claim[] claims, Dictionary<(ParticipantId, string, int), Money> ledger, EvidenceVersion[]? extraEvidence = null)
    {
        var terms = _tariff.Contracts.Single(c => c.Id == Alpha);
        var people = new[] { Person(P1, "JSA 18-24"), Person(P2, "JSA 25+") }.ToDictionary(p => p.Id);
        var evidence = new[] { Employment("E1", P1, EvidenceStatus.Verified) }.Concat(extraEvidence ?? []).ToLookup(e => e.Participant);
        return Reconciler.Reconcile(terms, _tariff.Scheme(terms.Scheme), claims, ledger, people, evidence, asOf);
    }

    private static Claim Claim(ParticipantId participant, string outcome, int instalment, long pence) =>
        new(participant, outcome, instalment, Money.FromPence(pence), new LocalDate(2011, 12, 1));

    private static Dictionary<(ParticipantId, string, int), Money> Ledger(params (ParticipantId, string, int, long)[] lines) =>
        lines.ToDictionary(l => (l.Item1, l.Item2, l.Item3), l => Money.FromPence(l.Item4));

    private static Participant Person(ParticipantId id, string group) =>
        new(id, Alpha, Start, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("payment_group", group)]));

    private static EvidenceVersion Employment(string id, ParticipantId participant, EvidenceStatus status) =>
        new(new EvidenceId(id), participant, Alpha, "employment", Start, null, status, new LocalDate(2011, 6, 10),
            ImmutableSortedDictionary<string, string>.Empty);

    private static string SamplePath() => Pbr.TestKit.RepositoryFiles.WorkProgrammeTariff;
}
