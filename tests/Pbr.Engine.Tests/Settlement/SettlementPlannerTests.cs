// FsCheck.NUnit supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1027

using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Calculation;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Engine.Tests.Settlement;

/// <summary>DESIGN §8 invariants 1 to 3 on the pure engine, over generated timelines (the FsCheck seed replays a failure).</summary>
public sealed class SettlementPlannerTests
{
    private static readonly LocalDate[] Months = [.. Enumerable.Range(0, 24).Select(m => new LocalDate(2024, 1, 28).PlusMonths(m))];

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public Property Plan_RowsShuffled_SameLinesAndRunHash(NonNegativeInt seed, NonNegativeInt shuffle, PositiveInt month)
    {
        var timeline = Timeline.Generate(seed.Get, 12);
        var shuffled = timeline.Shuffled(shuffle.Get);
        var asOf = Months[month.Get % Months.Length];

        var a = SettlementPlanner.Plan(Rows.Input(timeline.Participants, timeline.Evidence, asOf), [], Sha256Hex.Genesis);
        var b = SettlementPlanner.Plan(Rows.Input(shuffled.Participants, shuffled.Evidence, asOf), [], Sha256Hex.Genesis);

        return (a.Header.Hash == b.Header.Hash && a.Header.InputDigest == b.Header.InputDigest && a.Lines.SequenceEqual(b.Lines, LineComparer.Instance) && a.Lines.Select(l => l.Hash).SequenceEqual(b.Lines.Select(l => l.Hash))).ToProperty();
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public Property Plan_MonthlyRuns_BalancesEqualEntitlementAndRerunPostsNothing(NonNegativeInt seed)
    {
        var timeline = Timeline.Generate(seed.Get, 10);
        var ledger = new Dictionary<LineKey, PostedBalance>();
        var prev = Sha256Hex.Genesis;
        foreach (var asOf in Months)
        {
            var input = Rows.Input(timeline.Participants, timeline.Evidence, asOf);
            var plan = SettlementPlanner.Plan(input, [.. ledger.Values], prev);
            Post(ledger, plan);
            prev = plan.Header.Hash;

            // Conservation: the balance per key equals the entitlement per key (keys not due hold zero).
            var due = Calculator.Calculate(input.Contract, input.Rules, input.Participants, input.Evidence, asOf, input.KnownAt)
                .Lines.ToDictionary(l => l.Key, l => l.Amount);
            if (!ledger.All(kv => kv.Value.Amount == due.GetValueOrDefault(kv.Key)) || !due.All(kv => ledger.TryGetValue(kv.Key, out var b) ? b.Amount == kv.Value : kv.Value == Money.Zero))
            {
                return false.Label($"conservation broken at {asOf}");
            }

            // Fixpoint: the same run again posts nothing.
            var again = SettlementPlanner.Plan(Rows.Input(timeline.Participants, timeline.Evidence, asOf), [.. ledger.Values], prev);
            if (!again.IsEmpty)
            {
                return false.Label($"second run at {asOf} posted {again.Lines.Length} lines");
            }
        }

        return true.ToProperty();
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public Property Plan_SettleAThenB_SameBalancesAsBAlone(NonNegativeInt seed, PositiveInt a, PositiveInt b)
    {
        var timeline = Timeline.Generate(seed.Get, 10);
        var first = Months[a.Get % Months.Length];
        var second = Months[b.Get % Months.Length];

        var both = new Dictionary<LineKey, PostedBalance>();
        Post(both, SettlementPlanner.Plan(Rows.Input(timeline.Participants, timeline.Evidence, first), [], Sha256Hex.Genesis));
        Post(both, SettlementPlanner.Plan(Rows.Input(timeline.Participants, timeline.Evidence, second), [.. both.Values], "a"));
        var alone = new Dictionary<LineKey, PostedBalance>();
        Post(alone, SettlementPlanner.Plan(Rows.Input(timeline.Participants, timeline.Evidence, second), [], Sha256Hex.Genesis));

        static IEnumerable<(LineKey, long)> NonZero(Dictionary<LineKey, PostedBalance> d) =>
            d.Where(kv => kv.Value.Amount != Money.Zero).Select(kv => (kv.Key, kv.Value.Amount.Pence)).Order();

        return NonZero(both).SequenceEqual(NonZero(alone)).ToProperty();
    }

    [Test]
    public void Plan_EvidenceRevokedAfterPayment_ClawsBackInTheNextRun()
    {
        // Paid on 2024-05-01: £100 attachment + £1,000 job + 2 × £250 sustain = £1,600.
        // A revoked version recorded 2024-05-10 removes the job and sustainments: -£1,000 and 2 × -£250.
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var verified = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var revoked = verified with { Status = EvidenceStatus.Revoked, RecordedOn = new LocalDate(2024, 5, 10) };
        var ledger = new Dictionary<LineKey, PostedBalance>();

        var first = SettlementPlanner.Plan(Rows.Input([p], [verified, revoked], new LocalDate(2024, 5, 1)), [], Sha256Hex.Genesis);
        Post(ledger, first);
        var second = SettlementPlanner.Plan(Rows.Input([p], [verified, revoked], new LocalDate(2024, 5, 20)), [.. ledger.Values], first.Header.Hash);

        Assert.That(first.Header.Net.Pence, Is.EqualTo(160000));
        Assert.That(second.Lines.Select(l => (l.Key.Outcome, l.Key.Instalment, l.Kind, l.Amount.Pence)), Is.EqualTo(new[]
        {
            ("job", 1, LineKind.Clawback, -100000L),
            ("sustain", 1, LineKind.Clawback, -25000L),
            ("sustain", 2, LineKind.Clawback, -25000L),
        }));
        Assert.That(second.Header.PrevHash, Is.EqualTo(first.Header.Hash));
    }

    [Test]
    public void Plan_LateEvidenceForAClosedPeriod_PaysInTheNextRunDatedInTheOriginalPeriod()
    {
        // A spell from 2024-02-01 only recorded on 2024-06-15: the June run pays the job dated 2024-02-29 (the original period).
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var late = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 10), new LocalDate(2024, 6, 15));
        var ledger = new Dictionary<LineKey, PostedBalance>();
        Post(ledger, SettlementPlanner.Plan(Rows.Input([p], [late], new LocalDate(2024, 5, 31)), [], Sha256Hex.Genesis));

        var june = SettlementPlanner.Plan(Rows.Input([p], [late], new LocalDate(2024, 6, 30)), [.. ledger.Values], "x");

        var line = june.Lines.Single(l => l.Key.Participant == "A1");
        Assert.That((line.Key.Outcome, line.Amount.Pence, line.DueDate), Is.EqualTo(("job", 100000L, new LocalDate(2024, 2, 29))));
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public Property PostingLines_InParts_SameAsOnOneThread(NonNegativeInt seed, PositiveInt earlier, PositiveInt later, PositiveInt parts)
    {
        var (input, ledger) = PricedAgain(seed.Get, earlier.Get, later.Get);

        var one = SettlementPlanner.PostingLines(input, input.Evidence, [.. ledger.Values], parts: 1);
        var halves = SettlementPlanner.PostingLines(input, input.Evidence, [.. ledger.Values], parts: 2 + (parts.Get % 5));

        return (one.Lines.SequenceEqual(halves.Lines, LineComparer.Instance)
                && one.Lines.Select(l => l.Hash).SequenceEqual(halves.Lines.Select(l => l.Hash))
                && one.Problems.SequenceEqual(halves.Problems))
            .Label($"{one.Lines.Length} lines and {one.Problems.Length} problems on one thread, {halves.Lines.Length} and {halves.Problems.Length} in parts");
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public Property PostingLines_InPartsOnFewerThreads_PassOnExactlyTheLinesInKeyOrder(NonNegativeInt seed, PositiveInt earlier, PositiveInt later, PositiveInt parts)
    {
        // What is passed on while pricing is what gets copied into the ledger before the header: it must be
        // the plan's lines, in the plan's order, and nothing once a range has problems (every fifth seed).
        var (input, ledger) = PricedAgain(seed.Get, earlier.Get, later.Get);
        var passed = new List<PostingLine>();
        var calls = 0;

        var result = SettlementPlanner.PostingLines(input, input.Evidence, [.. ledger.Values], parts: 2 + (parts.Get % 7), threads: 2, priced: lines =>
        {
            passed.AddRange(lines);
            calls++;
        });

        // With problems, the ranges before the bad participant's may have been passed on, in order; its own and later ones not.
        var inOrder = passed.Zip(passed.Skip(1)).All(p => p.First.Key.CompareTo(p.Second.Key) < 0);
        return (inOrder && (result.Problems.IsEmpty
                ? passed.SequenceEqual(result.Lines, LineComparer.Instance)
                : passed.TrueForAll(l => string.CompareOrdinal(l.Key.Participant, "P0031x") < 0)))
            .Label($"{passed.Count} lines passed on in {calls} calls for a plan of {result.Lines.Length} lines and {result.Problems.Length} problems");
    }

    // Posted: what a run at the later month paid. Priced at the earlier month, keys paid then and not due
    // now are clawed back, in every part. Every fifth seed adds a participant with bad data.
    private static (SettlementInput Input, Dictionary<LineKey, PostedBalance> Ledger) PricedAgain(int seed, int earlier, int later)
    {
        var timeline = Timeline.Generate(seed, 60);
        List<Participant> people = [.. timeline.Participants];
        if (seed % 5 == 0)
        {
            people.Add(Rows.Participant("P0031x", new LocalDate(2024, 3, 1), "neither"));
        }

        var (now, then) = (Months[Math.Min(earlier, later) % Months.Length], Months[Math.Max(earlier, later) % Months.Length]);
        var ledger = new Dictionary<LineKey, PostedBalance>();
        Post(ledger, SettlementPlanner.Plan(NoCohorts(timeline.Participants, timeline.Evidence, then), [], Sha256Hex.Genesis));
        var input = NoCohorts(people, timeline.Evidence, now);
        return (input, ledger);
    }

    [Test]
    public void Plan_WithPassOn_GetsTheSameLinesOnceWhenNotInParts()
    {
        // Under 20,000 participants a contract is one range: its lines are passed on once, all of them.
        var timeline = Timeline.Generate(11, 60);
        var calls = new List<int>();

        var plan = SettlementPlanner.Plan(NoCohorts(timeline.Participants, timeline.Evidence, Months[^1]), [], Sha256Hex.Genesis, cores: 2, priced: lines => calls.Add(lines.Length));

        Assert.That(plan.Lines, Is.Not.Empty);
        Assert.That(calls, Is.EqualTo(new[] { plan.Lines.Length }));
    }

    [Test]
    public void PostingLines_InParts_ClawsBackInEveryPart()
    {
        // Every participant was paid £100 attachment at a later month; priced before anyone started, all of it comes back.
        var timeline = Timeline.Generate(7, 60);
        var ledger = new Dictionary<LineKey, PostedBalance>();
        Post(ledger, SettlementPlanner.Plan(NoCohorts(timeline.Participants, [], Months[^1]), [], Sha256Hex.Genesis));
        var input = NoCohorts(timeline.Participants, [], new LocalDate(2023, 12, 1));

        var halves = SettlementPlanner.PostingLines(input, [], [.. ledger.Values], parts: 3);

        Assert.That(halves.Lines.Select(l => (l.Key.Participant, l.Amount)), Is.EqualTo(
            timeline.Participants.Select(p => p.Id.Value).Order(StringComparer.Ordinal).Select(p => (p, -ToyScheme.AttachmentFee))));
    }

    [Test]
    public void PostingLines_InParts_EvidenceOfAnotherContract_SameErrorAsOnOneThread()
    {
        var timeline = Timeline.Generate(3, 60);
        var input = NoCohorts(timeline.Participants, [.. timeline.Evidence, Rows.Employment("X1", "P0001", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 2)) with { Contract = new ContractId("OTHER") }], Months[5]);

        var one = Assert.Throws<ArgumentException>(() => SettlementPlanner.PostingLines(input, input.Evidence, [], parts: 1));
        var parts = Assert.Throws<ArgumentException>(() => SettlementPlanner.PostingLines(input, input.Evidence, [], parts: 3));

        Assert.That(parts!.Message, Is.EqualTo(one!.Message));
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public Property Plan_WithTheRowsStoredHashes_SameDigestAndRunHashAsHashingTheRows(NonNegativeInt seed, PositiveInt month)
    {
        var timeline = Timeline.Generate(seed.Get, 12);
        var asOf = Months[month.Get % Months.Length];
        var input = Rows.Input(timeline.Participants, timeline.Evidence, asOf, asOf.PlusYears(5));
        var stored = new InputHashes([.. timeline.Participants.Select(RowHashes.ValueOf)], [.. timeline.Evidence.Select(RowHashes.ValueOf)]);

        var hashed = SettlementPlanner.Plan(input, [], Sha256Hex.Genesis);
        var fromStored = SettlementPlanner.Plan(input with { InputDigest = InputDigest.Of(timeline.Participants, timeline.Evidence, stored) }, [], Sha256Hex.Genesis);

        // The run hash covers every header field and every line.
        return (hashed.Header.InputDigest == fromStored.Header.InputDigest && hashed.Header.Hash == fromStored.Header.Hash)
            .Label($"{hashed.Header.InputDigest} against {fromStored.Header.InputDigest}");
    }

    [Test]
    public void Plan_DigestTheLedgerMade_IsTheRunsDigest()
    {
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var e = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var madeUp = new string('7', 64);

        var plan = SettlementPlanner.Plan(Rows.Input([p], [e], new LocalDate(2024, 6, 30)) with { InputDigest = madeUp }, [], Sha256Hex.Genesis);

        Assert.That(plan.Header.InputDigest, Is.EqualTo(madeUp));
    }

    [Test]
    public void Plan_EvidenceLaterThanKnownAt_HashesTheRowsKnown_NotTheDigestOfAllRows()
    {
        // A digest the ledger made covers every row given; once the planner drops the versions recorded
        // after K it no longer describes the rows priced, so the planner hashes those rows itself.
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var known = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var later = known with { RecordedOn = new LocalDate(2024, 9, 1), Status = EvidenceStatus.Revoked };
        var asOf = new LocalDate(2024, 6, 30);

        var plan = SettlementPlanner.Plan(Rows.Input([p], [known, later], asOf) with { InputDigest = new string('7', 64) }, [], Sha256Hex.Genesis);

        Assert.That(plan.Header.InputDigest, Is.EqualTo(InputDigest.Of([p], [known])));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Plan_DigestTheLedgerMakesWhilePricing_IsTheRunsDigestUnlessLaterEvidenceIsDropped(bool laterEvidence)
    {
        // The ledger makes the digest from stored hashes while the lines are priced; the same rule as a digest it
        // made before: it covers every row given, so it is not asked for when the planner drops some.
        var p = Rows.Participant("A1", new LocalDate(2024, 1, 10));
        var known = Rows.Employment("E1", "A1", new LocalDate(2024, 2, 1), null, new LocalDate(2024, 2, 5));
        var later = known with { RecordedOn = new LocalDate(2024, 9, 1), Status = EvidenceStatus.Revoked };
        var asked = 0;

        var plan = SettlementPlanner.Plan(
            Rows.Input([p], laterEvidence ? [known, later] : [known], new LocalDate(2024, 6, 30)), [], Sha256Hex.Genesis, inputDigest: () =>
            {
                asked++;
                return new string('7', 64);
            });

        Assert.That((plan.Header.InputDigest, asked), Is.EqualTo(laterEvidence ? (InputDigest.Of([p], [known]), 0) : (new string('7', 64), 1)));
    }

    private static SettlementInput NoCohorts(IReadOnlyList<Participant> participants, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf) =>
        new(Rows.Contract, new ToyScheme(cohorts: false), Rows.TariffSha, [Rows.TariffSha], participants, evidence, asOf, asOf, "test");

    private static void Post(Dictionary<LineKey, PostedBalance> ledger, SettlementPlan plan)
    {
        foreach (var line in plan.Lines)
        {
            var before = ledger.TryGetValue(line.Key, out var b) ? b.Amount : Money.Zero;
            ledger[line.Key] = new PostedBalance(line.Key, before + line.Amount, line.Rule, line.TariffSha256);
        }
    }
}
