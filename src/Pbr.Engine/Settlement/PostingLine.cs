using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;

namespace Pbr.Engine.Settlement;

/// <summary>
/// One line a run posts: the signed difference for a key between what is due and what was posted.
/// Its hash covers every field but the run id, so a dry run and a real run hash the same.
/// </summary>
public sealed record PostingLine
{
    // Kept as 32 bytes, not as its 64-character text: a first run holds millions of lines at once.
    private readonly Sha256Value _hash;

    private PostingLine(
        LineKey key, ProviderId provider, LineKind kind, Money amount, LocalDate dueDate, string tariffSha256, string rule, ImmutableArray<EvidenceId> evidenceIds)
    {
        Key = key;
        Provider = provider;
        Kind = kind;
        Amount = amount;
        DueDate = dueDate;
        TariffSha256 = tariffSha256;
        Rule = rule;
        EvidenceIds = evidenceIds;
        _hash = ComputeHash();
    }

    /// <summary>Gets the posting key.</summary>
    public LineKey Key { get; }

    /// <summary>Gets the provider paid (or clawed back from).</summary>
    public ProviderId Provider { get; }

    /// <summary>Gets whether this is a payment or a clawback.</summary>
    public LineKind Kind { get; }

    /// <summary>Gets the signed amount: positive for payments, negative for clawbacks.</summary>
    public Money Amount { get; }

    /// <summary>Gets the date the underlying entitlement fell due; for a key no longer due, the run's as-of date.</summary>
    public LocalDate DueDate { get; }

    /// <summary>Gets the SHA-256 of the tariff source that priced the line.</summary>
    public string TariffSha256 { get; }

    /// <summary>Gets the tariff rule that priced the line.</summary>
    public string Rule { get; }

    /// <summary>Gets the evidence behind the line, sorted.</summary>
    public ImmutableArray<EvidenceId> EvidenceIds { get; }

    /// <summary>Gets the line's hash, 64 lowercase hex digits.</summary>
    public string Hash => _hash.ToString();

    /// <summary>Gets the line's hash as its 32 bytes, as the ledger stores it.</summary>
    public Sha256Value HashValue => _hash;

    /// <summary>Creates a line, choosing its kind from the sign of the amount.</summary>
    /// <exception cref="ArgumentException">The amount is zero: nothing is posted for an unchanged key.</exception>
    public static PostingLine Create(
        LineKey key, ProviderId provider, Money amount, LocalDate dueDate, string tariffSha256, string rule, IEnumerable<EvidenceId> evidenceIds)
    {
        if (amount == Money.Zero)
        {
            throw new ArgumentException("A posting line cannot be zero.", nameof(amount));
        }

        var kind = amount.IsNegative ? LineKind.Clawback : LineKind.Payment;
        // An entitlement's ids are already sorted and distinct: sharing its array saves a copy per line.
        var ids = evidenceIds is ImmutableArray<EvidenceId> given && StrictlyAscending(given)
            ? given
            : evidenceIds.Distinct().Order().ToImmutableArray();
        return new PostingLine(key, provider, kind, amount, dueDate, tariffSha256, rule, ids);
    }

    /// <summary>Recreates a line exactly as it was stored, kind included, so that a verifier can recompute its hash.</summary>
    public static PostingLine Restore(
        LineKey key, ProviderId provider, LineKind kind, Money amount, LocalDate dueDate, string tariffSha256, string rule, ImmutableArray<EvidenceId> evidenceIds) =>
        new(key, provider, kind, amount, dueDate, tariffSha256, rule, evidenceIds);

    private static bool StrictlyAscending(ImmutableArray<EvidenceId> ids)
    {
        if (ids.IsDefault)
        {
            return false;
        }

        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i - 1].CompareTo(ids[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private Sha256Value ComputeHash()
    {
        var h = CanonicalHasher.ForThread("line");
        h.Add(Key.Contract.Value)
            .Add(Provider.Value)
            .Add(Key.Participant)
            .Add(Key.Cohort)
            .Add(Key.Outcome)
            .Add(Key.Instalment)
            .Add(LineKindText.Format(Kind))
            .Add(Amount)
            .Add(DueDate)
            .Add(TariffSha256)
            .Add(Rule)
            .Add(EvidenceIds.Length);

        // The count, then each id: what AddAll writes, without a list of the ids' texts per line.
        foreach (var id in EvidenceIds)
        {
            h.Add(id.Value);
        }

        return h.FinishValue();
    }
}
