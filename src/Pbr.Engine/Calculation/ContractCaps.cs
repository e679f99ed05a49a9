using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Calculation;

/// <summary>
/// Applies a scheme's caps over a whole contract, in all or per contract year, to every participant's
/// lines at once. The allocation is deterministic: lines are paid from the cap by due date, then in
/// the cap's declared outcome order, then by participant id (ordinal) and instalment; the line that
/// would pass the cap is cut to what is left (a <c>cap</c> step in its explanation), and later lines
/// get nothing and are dropped. Contract year n runs from the contract's start date plus n − 1 years to
/// the day before its start date plus n years; a line belongs to the year of its due date.
/// </summary>
public static class ContractCaps
{
    /// <summary>Returns the lines after every cap of <paramref name="caps"/>, in the order given.</summary>
    public static List<Entitlement> Apply(ContractTerms contract, IReadOnlyList<ContractCapRule> caps, IEnumerable<Entitlement> lines)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(caps);
        var result = lines.ToList();
        foreach (var cap in caps)
        {
            result = ApplyOne(contract, cap, result);
        }

        return result;
    }

    private static List<Entitlement> ApplyOne(ContractTerms contract, ContractCapRule cap, List<Entitlement> lines)
    {
        var rank = cap.OutcomeOrder.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var kept = lines.Where(l => l.Participant is null || !rank.ContainsKey(l.Outcome)).ToList();
        var capped = lines
            .Where(l => l.Participant is not null && rank.ContainsKey(l.Outcome))
            .OrderBy(l => l.DueDate)
            .ThenBy(l => rank[l.Outcome])
            .ThenBy(l => l.Participant!.Value)
            .ThenBy(l => l.Instalment);
        foreach (var scope in capped.GroupBy(l => cap.Scope == CapScope.ContractYear ? YearOf(contract, l.DueDate) : 0))
        {
            var used = 0L;
            foreach (var line in scope)
            {
                var left = Math.Max(0L, cap.Limit.Pence - used);
                if (line.Amount.Pence <= left)
                {
                    used = checked(used + line.Amount.Pence);
                    kept.Add(line);
                    continue;
                }

                used = cap.Limit.Pence;
                if (left > 0)
                {
                    var step = new ExplanationStep("cap", Words(contract, cap, scope.Key, line.Amount, Money.FromPence(left)));
                    kept.Add(line with { Amount = Money.FromPence(left), Explanation = line.Explanation with { Steps = line.Explanation.Steps.Add(step) } });
                }
            }
        }

        return kept;
    }

    /// <summary>Gets the contract year (from 1) a date falls in.</summary>
    public static int YearOf(ContractTerms contract, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return date < contract.StartsOn ? 0 : Period.Between(contract.StartsOn, date, PeriodUnits.Years).Years + 1;
    }

    private static string Words(ContractTerms contract, ContractCapRule cap, int year, Money before, Money after)
    {
        var scope = cap.Scope == CapScope.ContractYear
            ? string.Create(CultureInfo.InvariantCulture,
                $"per contract year, year {year} ({Iso(contract.StartsOn.PlusYears(year - 1))} to {Iso(contract.StartsOn.PlusYears(year).PlusDays(-1))})")
            : "per contract";
        return $"cap {cap.AmountText} = {cap.Limit.ToDisplayString()} {scope} at {cap.Location}, paid by due date, then in order " +
               $"{string.Join(", ", cap.OutcomeOrder)}: {before.ToDisplayString()} cut to the {after.ToDisplayString()} left";
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
