using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Settlement;

/// <summary>
/// The delta rule: for every key, what is due now minus what was already posted. Only non-zero
/// differences become lines, so a run with nothing new posts nothing, and a key can never be paid
/// twice: a second run sees the first run's lines as posted.
/// </summary>
public static class Delta
{
    /// <summary>Computes the lines to post, in key order.</summary>
    /// <param name="entitlement">Every line now due for the contract, one per key.</param>
    /// <param name="posted">What the ledger holds per key for the contract.</param>
    /// <param name="asOf">The run's as-of date: the due date of a clawback for a key no longer due at all.</param>
    /// <param name="tariffSha256">The SHA-256 of the tariff source that priced the entitlement.</param>
    public static ImmutableArray<PostingLine> Compute(
        ContractTerms contract,
        IReadOnlyList<Entitlement> entitlement,
        IReadOnlyList<PostedBalance> posted,
        LocalDate asOf,
        string tariffSha256)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(entitlement);
        ArgumentNullException.ThrowIfNull(posted);

        var postedByKey = new Dictionary<LineKey, PostedBalance>();
        foreach (var balance in posted)
        {
            if (!postedByKey.TryAdd(balance.Key, balance))
            {
                throw new ArgumentException($"Two posted balances for one key of contract {contract.Id}.", nameof(posted));
            }
        }

        var lines = new List<PostingLine>();
        var due = new HashSet<LineKey>();
        foreach (var line in entitlement)
        {
            if (!due.Add(line.Key))
            {
                throw new ArgumentException($"Two entitlement lines for one key of contract {contract.Id}.", nameof(entitlement));
            }

            var already = postedByKey.TryGetValue(line.Key, out var balance) ? balance.Amount : Money.Zero;
            var difference = line.Amount - already;
            if (difference != Money.Zero)
            {
                lines.Add(PostingLine.Create(line.Key, contract.Provider, difference, line.DueDate, tariffSha256, line.Rule, line.EvidenceIds));
            }
        }

        foreach (var balance in postedByKey.Values)
        {
            // A key posted before but no longer due at all (its evidence was revoked or withdrawn):
            // the whole balance comes back, under the rule that paid it.
            if (!due.Contains(balance.Key) && balance.Amount != Money.Zero)
            {
                lines.Add(PostingLine.Create(balance.Key, contract.Provider, -balance.Amount, asOf, balance.TariffSha256, balance.Rule, []));
            }
        }

        lines.Sort((a, b) => a.Key.CompareTo(b.Key));
        return [.. lines];
    }
}
