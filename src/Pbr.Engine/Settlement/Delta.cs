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
        var due = new HashSet<LineKey>();
        foreach (var line in entitlement)
        {
            if (!due.Add(line.Key))
            {
                throw new ArgumentException($"Two entitlement lines for one key of contract {contract.Id}.", nameof(entitlement));
            }
        }

        var builder = new Builder(contract, posted, asOf, tariffSha256);
        builder.Add(entitlement);
        return builder.Finish();
    }

    /// <summary>
    /// The delta rule applied a group of lines at a time (one participant's, one cohort's), so that the
    /// entitlement need never be held whole: each key due is matched against what was posted as it
    /// comes, and what is left posted and not due at the end is clawed back.
    /// </summary>
    public sealed class Builder
    {
        private readonly ContractTerms _contract;
        private readonly LocalDate _asOf;
        private readonly string _tariffSha256;
        private readonly Dictionary<LineKey, PostedBalance> _posted = [];
        private readonly List<PostingLine> _lines = [];

        /// <param name="posted">What the ledger holds per key for the contract.</param>
        /// <param name="asOf">The run's as-of date: the due date of a clawback for a key no longer due at all.</param>
        /// <param name="tariffSha256">The SHA-256 of the tariff source that priced the entitlement.</param>
        public Builder(ContractTerms contract, IReadOnlyList<PostedBalance> posted, LocalDate asOf, string tariffSha256)
        {
            ArgumentNullException.ThrowIfNull(contract);
            ArgumentNullException.ThrowIfNull(posted);
            _contract = contract;
            _asOf = asOf;
            _tariffSha256 = tariffSha256;
            foreach (var balance in posted)
            {
                if (!_posted.TryAdd(balance.Key, balance))
                {
                    throw new ArgumentException($"Two posted balances for one key of contract {contract.Id}.", nameof(posted));
                }
            }
        }

        /// <summary>
        /// Adds lines now due. Each key may come once in all: the calculator reports a key priced twice as a
        /// problem (and a plan with problems posts nothing), and the ledger's unique key refuses it again.
        /// </summary>
        public void Add(IReadOnlyList<Entitlement> entitlement)
        {
            ArgumentNullException.ThrowIfNull(entitlement);
            foreach (var line in entitlement)
            {
                var key = line.Key;
                var already = _posted.Remove(key, out var balance) ? balance.Amount : Money.Zero;
                var difference = line.Amount - already;
                if (difference != Money.Zero)
                {
                    _lines.Add(PostingLine.Create(key, _contract.Provider, difference, line.DueDate, _tariffSha256, line.Rule, line.EvidenceIds));
                }
            }
        }

        /// <summary>Claws back every posted key no longer due, and returns the lines in key order.</summary>
        public ImmutableArray<PostingLine> Finish()
        {
            foreach (var balance in _posted.Values)
            {
                // A key posted before but no longer due at all (its evidence was revoked or withdrawn):
                // the whole balance comes back, under the rule that paid it.
                if (balance.Amount != Money.Zero)
                {
                    _lines.Add(PostingLine.Create(balance.Key, _contract.Provider, -balance.Amount, _asOf, balance.TariffSha256, balance.Rule, []));
                }
            }

            _posted.Clear();

            // Lines come participant by participant in key order, so a run with no clawback of a key no
            // longer due is usually in order already: checking costs one pass, sorting millions of lines more.
            if (!InKeyOrder(_lines))
            {
                _lines.Sort((a, b) => a.Key.CompareTo(b.Key));
            }

            return [.. _lines];
        }

        private static bool InKeyOrder(List<PostingLine> lines)
        {
            for (var i = 1; i < lines.Count; i++)
            {
                if (lines[i - 1].Key.CompareTo(lines[i].Key) > 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
