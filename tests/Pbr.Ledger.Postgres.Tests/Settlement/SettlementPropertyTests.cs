// FsCheck.NUnit supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1027

using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Pbr.Core.Model;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>
/// DESIGN §8 invariants 2, 3 and 4 against PostgreSQL, over generated timelines with revocations and
/// late evidence. Kept to 20 cases each so the suite stays quick; FsCheck prints the seed of a failure.
/// </summary>
public sealed class SettlementPropertyTests : LedgerFixture
{
    private static readonly LocalDate[] Months = [.. Enumerable.Range(0, 18).Select(m => new LocalDate(2024, 1, 31).PlusMonths(m))];

    [FsCheck.NUnit.Property(MaxTest = 20)]
    public Property Settle_MonthlyRuns_LedgerEqualsEntitlementAndRerunPostsNothing(NonNegativeInt seed, PositiveInt step)
    {
        var c = NewContract();
        var timeline = Timeline.Generate(seed.Get, 8);
        ImportAsync(c, timeline).GetAwaiter().GetResult();
        for (var m = 0; m < Months.Length; m += 1 + (step.Get % 4))
        {
            var run = SettleAsync(c, Months[m]).GetAwaiter().GetResult();
            if (run.Status != SettleStatus.Settled)
            {
                return false.Label($"run at {Months[m]} ended {run.Status}");
            }

            // Conservation (invariant 3): the balance per key equals the entitlement per key.
            var balances = BalancesAsync(c).GetAwaiter().GetResult();
            if (!balances.SequenceEqual(Entitled(c, timeline, Months[m])))
            {
                return false.Label($"ledger differs from entitlement at {Months[m]}");
            }

            // Fixpoint (invariant 2): the same settlement again posts nothing, not even a header.
            var runs = CountAsync("runs", c).GetAwaiter().GetResult();
            var again = SettleAsync(c, Months[m]).GetAwaiter().GetResult();
            if (again.LineCount != 0 || CountAsync("runs", c).GetAwaiter().GetResult() != runs)
            {
                return false.Label($"second run at {Months[m]} posted {again.LineCount} lines");
            }
        }

        return true.ToProperty();
    }

    [FsCheck.NUnit.Property(MaxTest = 20)]
    public Property Settle_AThenB_SameBalancesAsBAlone(NonNegativeInt seed, NonNegativeInt a, NonNegativeInt b)
    {
        // RELIABILITY 12 / invariant 2: two contracts with the same rows; one settled at A then B, the other at B only.
        var first = NewContract();
        var second = NewContract();
        var timeline = Timeline.Generate(seed.Get, 8);
        ImportAsync(first, timeline).GetAwaiter().GetResult();
        ImportAsync(second, timeline).GetAwaiter().GetResult();
        var dateA = Months[a.Get % Months.Length];
        var dateB = Months[b.Get % Months.Length];

        SettleAsync(first, dateA).GetAwaiter().GetResult();
        SettleAsync(first, dateB).GetAwaiter().GetResult();
        SettleAsync(second, dateB).GetAwaiter().GetResult();

        var both = BalancesAsync(first).GetAwaiter().GetResult();
        var alone = BalancesAsync(second).GetAwaiter().GetResult();
        return both.SequenceEqual(alone).Label($"A={dateA} B={dateB}");
    }

    [FsCheck.NUnit.Property(MaxTest = 20)]
    public Property Settle_NoVerifiedInWindowEvidence_NoJobOrSustainmentMoney(NonNegativeInt seed, NonNegativeInt month)
    {
        // Invariant 4 / I7, by an oracle independent of the scheme's code: a participant none of whose
        // evidence ids has, as its latest version known at K, a verified spell starting in [start, start + 90 days]
        // must hold nothing for job or sustain.
        var c = NewContract();
        var timeline = Timeline.Generate(seed.Get, 10);
        ImportAsync(c, timeline).GetAwaiter().GetResult();
        var asOf = Months[month.Get % Months.Length];

        SettleAsync(c, asOf).GetAwaiter().GetResult();

        var balances = BalancesAsync(c).GetAwaiter().GetResult();
        foreach (var p in timeline.Participants)
        {
            var eligible = timeline.Evidence
                .Where(e => e.Participant == p.Id && e.RecordedOn <= asOf)
                .GroupBy(e => e.Id)
                .Select(g => g.MaxBy(e => e.RecordedOn)!)
                .Any(e => e.Status == EvidenceStatus.Verified && e.StartDate >= p.StartDate && e.StartDate <= p.StartDate.PlusDays(90));
            var paid = balances.Keys.Any(k => k.StartsWith(p.Id.Value + "||job", StringComparison.Ordinal) || k.StartsWith(p.Id.Value + "||sustain", StringComparison.Ordinal));
            if (paid && !eligible)
            {
                return false.Label($"{p.Id} holds job money at {asOf} without verified in-window evidence");
            }
        }

        return true.ToProperty();
    }

    [FsCheck.NUnit.Property(MaxTest = 20)]
    public Property Settle_SameRowsImportedInDifferentOrders_IdenticalLinesAndRunHash(NonNegativeInt seed, NonNegativeInt shuffle, NonNegativeInt month)
    {
        // Invariant 1: rows imported in a shuffled order and read back in whatever order PostgreSQL returns
        // them give the very lines and run hash that the pure engine gives over the rows in generation order.
        var timeline = Timeline.Generate(seed.Get, 10);
        var c = NewContract();
        ImportAsync(c, timeline.Shuffled(shuffle.Get)).GetAwaiter().GetResult();
        var asOf = Months[month.Get % Months.Length];

        var posted = SettleAsync(c, asOf, dryRun: true).GetAwaiter().GetResult().Runs.Single().Plan;
        var inOrder = Pbr.Engine.Settlement.SettlementPlanner.Plan(
            new Pbr.Engine.Settlement.SettlementInput(
                c, new ToyScheme(), Rows.TariffSha, [Rows.TariffSha, new ToyCatalog(c).ContractSha256(c.Id)],
                [.. timeline.Participants.Select(p => In(c, p))], [.. timeline.Evidence.Select(e => In(c, e))], asOf, asOf, Pbr.Engine.EngineInfo.Version),
            [],
            Pbr.Engine.Hashing.Sha256Hex.Genesis);

        return (posted.Header.Hash == inOrder.Header.Hash && posted.Lines.SequenceEqual(inOrder.Lines, LineComparer.Instance))
            .Label($"shuffle {shuffle.Get} as of {asOf}");
    }
}
