using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Reconciliation;

/// <summary>
/// Compares a provider's claims with the ledger, key by key, and gives the engine's reason for every
/// difference: a claim not in the ledger is priced by the tariff to tell "not yet settled", "falls due
/// after the as-of date", "evidence not yet verified" and "not earned" apart. Pure: the caller reads.
/// </summary>
public static class Reconciler
{
    // How far ahead to look for the date a claimed line would fall due on the evidence known now.
    private static readonly Period Horizon = Period.FromYears(10);

    /// <summary>Reconciles the claims of one contract.</summary>
    /// <param name="ledger">The ledger balance per (participant, outcome, instalment), from runs settled as of <paramref name="asOf"/>.</param>
    /// <param name="participants">The contract's participants named by a claim or the ledger.</param>
    /// <param name="evidence">Their evidence versions known at <paramref name="asOf"/>.</param>
    public static ReconcileReport Reconcile(
        ContractTerms contract,
        ISchemeRules rules,
        IReadOnlyList<Claim> claims,
        IReadOnlyDictionary<(ParticipantId, string, int), Money> ledger,
        IReadOnlyDictionary<ParticipantId, Participant> participants,
        ILookup<ParticipantId, EvidenceVersion> evidence,
        LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(evidence);

        var entries = new List<ReconcileEntry>();
        var claimed = new HashSet<(ParticipantId, string, int)>();
        var cache = new Dictionary<(ParticipantId, LocalDate), EvaluationResult>();
        EvaluationResult? Evaluate(ParticipantId id, LocalDate date)
        {
            if (!participants.TryGetValue(id, out var person))
            {
                return null;
            }

            if (!cache.TryGetValue((id, date), out var result))
            {
                result = rules.EvaluateParticipant(contract, person, [.. evidence[id]], date, asOf);
                cache[(id, date)] = result;
            }

            return result;
        }

        foreach (var claim in claims)
        {
            var key = (claim.Participant, claim.Outcome, claim.Instalment);
            claimed.Add(key);
            var held = ledger.GetValueOrDefault(key);
            if (held == claim.Amount)
            {
                entries.Add(new ReconcileEntry(ReconcileStatus.Matched, claim.Participant, claim.Outcome, claim.Instalment, claim.Amount, held, claim.ClaimedOn, string.Empty));
                continue;
            }

            var status = held == Money.Zero ? ReconcileStatus.NotInLedger : ReconcileStatus.AmountDiffers;
            var reason = held == Money.Zero
                ? WhyNotInLedger(claim, Evaluate(claim.Participant, asOf), Evaluate(claim.Participant, asOf.Plus(Horizon)), evidence[claim.Participant], asOf)
                : WhyDifferent(held, Due(Evaluate(claim.Participant, asOf), claim.Outcome, claim.Instalment), asOf);
            entries.Add(new ReconcileEntry(status, claim.Participant, claim.Outcome, claim.Instalment, claim.Amount, held, claim.ClaimedOn, reason));
        }

        foreach (var (key, held) in ledger.Where(l => l.Value != Money.Zero && !claimed.Contains(l.Key)).OrderBy(l => l.Key.Item1).ThenBy(l => l.Key.Item2, StringComparer.Ordinal).ThenBy(l => l.Key.Item3))
        {
            entries.Add(new ReconcileEntry(ReconcileStatus.NotClaimed, key.Item1, key.Item2, key.Item3, null, held, null,
                $"the ledger holds {held.ToDisplayString()} for this line, which the claims file does not list"));
        }

        return new ReconcileReport(contract.Id, asOf, [.. entries]);
    }

    private static Entitlement? Due(EvaluationResult? result, string outcome, int instalment) =>
        result?.Lines.FirstOrDefault(l => l.Outcome == outcome && l.Instalment == instalment);

    private static string WhyDifferent(Money held, Entitlement? due, LocalDate asOf) =>
        due is null
            ? $"the ledger holds {held.ToDisplayString()}; as of {Iso(asOf)} the engine finds nothing due, so the next run will claw it back"
            : due.Amount == held
                ? $"the ledger holds {held.ToDisplayString()}, which is what the tariff gives as of {Iso(asOf)} ({due.Explanation.UnroundedPounds ?? held.ToString()} before rounding)"
                : $"the ledger holds {held.ToDisplayString()}; as of {Iso(asOf)} the tariff gives {due.Amount.ToDisplayString()}, and the next run will post the difference";

    private static string WhyNotInLedger(Claim claim, EvaluationResult? now, EvaluationResult? later, IEnumerable<EvidenceVersion> evidence, LocalDate asOf)
    {
        if (now is null)
        {
            return "the participant is not in the ledger for this contract: import the participant first";
        }

        if (Due(now, claim.Outcome, claim.Instalment) is { } due)
        {
            return $"{due.Amount.ToDisplayString()} fell due on {Iso(due.DueDate)}, but no run has settled it yet: the next run as of {Iso(asOf)} or later will post it";
        }

        if (Due(later, claim.Outcome, claim.Instalment) is { } future)
        {
            return $"{claim.Outcome} {claim.Instalment} falls due on {Iso(future.DueDate)} on the evidence known now, after the as-of date {Iso(asOf)}";
        }

        var unverified = evidence
            .GroupBy(e => e.Id)
            .Select(g => g.MaxBy(e => e.RecordedOn)!)
            .Where(e => e.Status != EvidenceStatus.Verified)
            .OrderBy(e => e.Id)
            .Select(e => $"{e.Kind} {e.Id} is {EvidenceStatusText.Format(e.Status)}")
            .ToList();
        if (unverified.Count > 0)
        {
            return $"not earned on verified evidence as of {Iso(asOf)}: {string.Join(", ", unverified)} (only verified evidence earns money)";
        }

        if (now.Problems.FirstOrDefault() is { } problem)
        {
            return $"the tariff could not price this participant: {problem.Message}";
        }

        return $"the tariff gives nothing for {claim.Outcome} {claim.Instalment} on the evidence known at {Iso(asOf)}";
    }

    private static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
