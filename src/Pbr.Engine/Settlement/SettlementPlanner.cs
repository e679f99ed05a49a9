using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Calculation;
using Pbr.Engine.Hashing;

namespace Pbr.Engine.Settlement;

/// <summary>
/// Plans one contract's run: entitlement (<see cref="Calculator"/>), minus what is posted
/// (<see cref="Delta"/>), hashed into the contract's chain. Pure; the ledger does the I/O.
/// </summary>
public static class SettlementPlanner
{
    /// <summary>Plans a run from its inputs, what the ledger holds per key, and the previous run's hash.</summary>
    public static SettlementPlan Plan(SettlementInput input, IReadOnlyList<PostedBalance> posted, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentException.ThrowIfNullOrEmpty(prevHash);

        // The ledger reads only what is known at K; a copy of millions of rows is made only when it is needed.
        var known = input.Evidence.All(e => e.RecordedOn <= input.KnownAt)
            ? input.Evidence
            : [.. input.Evidence.Where(e => e.RecordedOn <= input.KnownAt)];
        // The digest of the inputs needs no price: it is made on another core while the lines are priced.
        var digest = string.Empty;
        (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) priced = default;
        Parallel.Invoke(
            () => digest = InputDigest.Of(input.Participants, known),
            () => priced = PostingLines(input, known, posted));
        var (lines, problems) = priced;

        var payments = Money.Sum(lines.Where(l => l.Kind == LineKind.Payment).Select(l => l.Amount));
        var clawbacks = Money.Sum(lines.Where(l => l.Kind == LineKind.Clawback).Select(l => l.Amount));
        var tariffs = input.TariffSha256s.Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var hash = RunHasher.Compute(
            prevHash, input.Contract.Id, input.AsOf, input.KnownAt, input.EngineVersion, tariffs, digest,
            input.Participants.Count, known.Count, lines, payments, clawbacks);
        var header = new RunHeader(
            input.Contract.Id, input.AsOf, input.KnownAt, input.EngineVersion, tariffs, digest,
            input.Participants.Count, known.Count, lines.Length, payments, clawbacks, prevHash, hash);
        return new SettlementPlan(header, lines, problems);
    }

    private static (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) PostingLines(
        SettlementInput input, IReadOnlyList<EvidenceVersion> known, IReadOnlyList<PostedBalance> posted)
    {
        if (input.Rules.ContractCaps(input.Contract) is { Count: > 0 })
        {
            // Caps over the whole contract cut lines only once every line is known.
            var entitlement = Calculator.Calculate(input.Contract, input.Rules, input.Participants, known, input.AsOf, input.KnownAt, Explanations.Omitted);
            return entitlement.HasProblems
                ? ([], entitlement.Problems)
                : (Delta.Compute(input.Contract, entitlement.Lines, posted, input.AsOf, input.SchemeSha256), entitlement.Problems);
        }

        var delta = new Delta.Builder(input.Contract, posted, input.AsOf, input.SchemeSha256);
        var problems = Calculator.CalculateEach(
            input.Contract, input.Rules, input.Participants, known, input.AsOf, input.KnownAt, Explanations.Omitted, delta.Add);
        return problems.IsEmpty ? (delta.Finish(), problems) : ([], problems);
    }

    /// <summary>
    /// The plan of a run whose inputs are those of the contract's latest run: the same as-of and
    /// known-at dates, tariffs and engine, and no participant or evidence row added since. That run
    /// brought every key to what these inputs give, so nothing is owed either way and nothing is read.
    /// </summary>
    /// <param name="latest">The header of the contract's latest posted run.</param>
    public static SettlementPlan Unchanged(RunHeader latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var hash = RunHasher.Compute(
            latest.Hash, latest.Contract, latest.AsOf, latest.KnownAt, latest.EngineVersion, latest.TariffSha256s, latest.InputDigest,
            latest.ParticipantCount, latest.EvidenceCount, Array.Empty<PostingLine>(), Money.Zero, Money.Zero);
        var header = latest with { LineCount = 0, Payments = Money.Zero, Clawbacks = Money.Zero, PrevHash = latest.Hash, Hash = hash };
        return new SettlementPlan(header, [], []);
    }

    /// <summary>
    /// Whether a run with these inputs would repeat <paramref name="latest"/> exactly: the inputs of
    /// <see cref="Unchanged"/>. Participant and evidence rows are only ever added, so equal counts of the
    /// rows a run reads mean the very same rows.
    /// </summary>
    public static bool Repeats(
        RunHeader latest, LocalDate asOf, LocalDate knownAt, string engineVersion, IEnumerable<string> tariffSha256s, int participantRows, int evidenceRows)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(tariffSha256s);
        return latest.AsOf == asOf
            && latest.KnownAt == knownAt
            && latest.EngineVersion == engineVersion
            && latest.TariffSha256s.SequenceEqual(tariffSha256s.Distinct().Order(StringComparer.Ordinal))
            && latest.ParticipantCount == participantRows
            && latest.EvidenceCount == evidenceRows;
    }
}
