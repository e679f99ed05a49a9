using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// The parameters of one simulated Work-Programme-like scheme and its one contract, drawn from a
/// seeded <see cref="Random"/>: payment groups with fees, the job outcome threshold and window, the
/// sustainment block and maximum, optionally a price change part-way, a discount, a
/// cap (per participant, contract or contract year) and a rounding override. <see cref="Render"/> writes it in the tariff language.
/// </summary>
/// <param name="Continuous">The job outcome needs one unbroken run of employment instead of cumulative days.</param>
/// <param name="SustainmentRounding">The sustainment outcome's own rounding, when it overrides the scheme's.</param>
/// <param name="CapPence">A cap, or null for none.</param>
/// <param name="CapScope">What the cap applies to.</param>
/// <param name="CapOrder">The outcomes the cap applies to, in the order they are paid from it.</param>
internal sealed partial record SimScheme(
    int Seed,
    string ContractId,
    LocalDate Starts,
    LocalDate Ends,
    ImmutableArray<SimGroup> Groups,
    bool Continuous,
    decimal DiscountPercent,
    Rounding Rounding,
    Rounding? SustainmentRounding,
    long? CapPence,
    SimCapScope CapScope,
    ImmutableArray<string> CapOrder)
{
    /// <summary>The name of the evidence kind, as the tariff declares it.</summary>
    public const string Employment = "employment";

    private static readonly Rounding[] Modes = Enum.GetValues<Rounding>();
    private static readonly decimal[] HalfPercents = [0.5m, 2.5m, 7.5m, 12.5m, 17.5m, 22.5m];

    /// <summary>Draws a scheme from <paramref name="random"/>.</summary>
    public static SimScheme Generate(int seed, Random random)
    {
        var starts = new LocalDate(2019, 1, 1).PlusDays(random.Next(0, 1500));
        var ends = starts.PlusDays(random.Next(200, 500));
        var groups = Enumerable.Range(1, random.Next(2, 6)).Select(i => Group(random, $"Group {i}", starts, ends)).ToImmutableArray();
        // Half-percent discounts on round fees land on half pennies, where the rounding modes differ.
        var discount = random.Next(0, 10) switch
        {
            < 4 => 0m,
            < 7 => HalfPercents[random.Next(HalfPercents.Length)],
            _ => random.Next(1, 3001) / 100m,
        };
        var rounding = Modes[random.Next(Modes.Length)];
        Rounding? sustainmentRounding = random.Next(0, 10) < 3 ? Modes[random.Next(Modes.Length)] : null;
        // A cap per participant, per contract or per contract year, or none; a contract's caps are
        // large enough to bind only after many lines.
        var scope = (SimCapScope)random.Next(0, 3);
        long? cap = random.Next(0, 10) < 4
            ? scope == SimCapScope.Participant ? random.Next(5_000, 600_000) : random.Next(200_000, 4_000_000)
            : null;
        ImmutableArray<string> order = random.Next(0, 2) == 0 ? ["job_outcome", "sustainment"] : ["attachment", "job_outcome", "sustainment"];
        return new SimScheme(
            seed, $"SIM-{seed}", starts, ends, groups, Continuous: random.Next(0, 4) == 0, discount, rounding, sustainmentRounding, cap, scope, order);
    }

    /// <summary>Gets the row pricing a participant of <paramref name="group"/> who starts on <paramref name="start"/>.</summary>
    public SimFeeRow Row(string group, LocalDate start) =>
        Groups.Single(g => g.Name == group).Rows.Single(r => r.Covers(start));

    private static SimGroup Group(Random random, string name, LocalDate starts, LocalDate ends)
    {
        // The first row opens on the contract's start or is open-ended; a second row, when drawn,
        // changes every price part-way through the contract (the table is effective on start_date).
        LocalDate? from = random.Next(0, 2) == 0 ? starts : null;
        if (random.Next(0, 3) > 0)
        {
            return new SimGroup(name, [Fees(random, from, null)]);
        }

        var split = starts.PlusDays(random.Next(30, NodaTime.Period.Between(starts, ends, PeriodUnits.Days).Days - 30));
        return new SimGroup(name, [Fees(random, from, split), Fees(random, split.PlusDays(1), null)]);
    }

    private static SimFeeRow Fees(Random random, LocalDate? from, LocalDate? until)
    {
        var jobWeeks = random.Next(1, 11);
        return new SimFeeRow(
            from,
            until,
            AttachmentPence: random.Next(0, 10) == 0 ? 0 : Fee(random, 100, 80_000),
            JobPence: Fee(random, 10_000, 400_000),
            JobWeeks: jobWeeks,
            WindowWeeks: jobWeeks + random.Next(0, 40),
            SustainmentPence: Fee(random, 1_000, 50_000),
            BlockDays: random.Next(0, 4) == 0 ? 7 * random.Next(1, 6) : random.Next(5, 43),
            MaxBlocks: random.Next(1, 9));
    }

    /// <summary>A fee in pence: half the time in whole pounds, as real tariffs are, otherwise any number of pence.</summary>
    private static long Fee(Random random, int min, int max) =>
        random.Next(0, 2) == 0 ? random.Next(min / 100, max / 100) * 100L : random.Next(min, max);
}
