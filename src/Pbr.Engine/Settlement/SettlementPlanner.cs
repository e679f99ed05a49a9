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
    /// <param name="cores">How many threads may price the participants (from 20,000 of them); the plan is the same for any number.</param>
    public static SettlementPlan Plan(SettlementInput input, IReadOnlyList<PostedBalance> posted, string prevHash, int cores = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentException.ThrowIfNullOrEmpty(prevHash);

        // The ledger reads only what is known at K; a copy of millions of rows is made only when it is needed.
        var known = input.Evidence.All(e => e.RecordedOn <= input.KnownAt)
            ? input.Evidence
            : [.. input.Evidence.Where(e => e.RecordedOn <= input.KnownAt)];
        // The digest of the inputs needs no price: unless the ledger made it, it is made on another core while
        // the lines are priced. One the ledger made covers every row given, so not a filtered copy.
        var given = ReferenceEquals(known, input.Evidence) ? input.InputDigest : null;
        var digest = string.Empty;
        (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) priced = default;
        Parallel.Invoke(
            () => digest = given ?? InputDigest.Of(input.Participants, known),
            () => priced = PostingLines(input, known, posted, input.Participants.Count >= PartsFrom ? cores : 1));
        var (lines, problems) = priced;

        var payments = Money.Sum(lines.Where(l => l.Kind == LineKind.Payment).Select(l => l.Amount));
        var clawbacks = Money.Sum(lines.Where(l => l.Kind == LineKind.Clawback).Select(l => l.Amount));
        var tariffs = input.TariffSha256s.Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var header = new RunHeader(
            input.Contract.Id, input.AsOf, input.KnownAt, input.EngineVersion, tariffs, digest,
            input.Participants.Count, known.Count, lines.Length, payments, clawbacks, prevHash, Hash: "");
        var hash = RunHasher.Compute(header, lines.Select(l => l.HashValue));
        return new SettlementPlan(header with { Hash = hash }, lines, problems);
    }

    // Below this many participants a contract is priced on one thread: splitting costs more than it saves.
    private const int PartsFrom = 20_000;

    /// <summary>
    /// The lines a run posts and the problems that stop it. With more than one of <paramref name="parts"/>
    /// (and no cohorts, whose members span parts) the participants are priced in that many ranges of
    /// ids at once: every key names its participant, so each range's evidence and posted balances go
    /// with it, and the ranges' lines, each in key order, are in key order one after another. The
    /// result is the same for any number of parts.
    /// </summary>
    internal static (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) PostingLines(
        SettlementInput input, IReadOnlyList<EvidenceVersion> known, IReadOnlyList<PostedBalance> posted, int parts)
    {
        if (input.Rules.ContractCaps(input.Contract) is { Count: > 0 })
        {
            // Caps over the whole contract cut lines only once every line is known.
            var entitlement = Calculator.Calculate(input.Contract, input.Rules, input.Participants, known, input.AsOf, input.KnownAt, Explanations.Omitted);
            return entitlement.HasProblems
                ? ([], entitlement.Problems)
                : (Delta.Compute(input.Contract, entitlement.Lines, posted, input.AsOf, input.SchemeSha256), entitlement.Problems);
        }

        if (parts < 2 || input.Rules.HasCohorts || input.Participants.Count < parts)
        {
            return Priced(input, input.Participants, known, posted);
        }

        // A participant goes to the range its id falls in; cohort keys, which name no participant, to the first.
        var boundaries = Boundaries(input.Participants, parts);
        int PartOf(string participant)
        {
            var at = boundaries.BinarySearch(participant, StringComparer.Ordinal);
            return at >= 0 ? at + 1 : ~at;
        }

        var people = Split(input.Participants, parts, p => PartOf(p.Id.Value));
        var evidence = Split(known, parts, e => PartOf(e.Participant.Value));
        var balances = Split(posted, parts, b => PartOf(b.Key.Participant));
        var priced = new (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems)[parts];
        try
        {
            Parallel.For(0, parts, i => priced[i] = Priced(input, people[i], evidence[i], balances[i]));
        }
        catch (AggregateException e)
        {
            // Bad input (a participant twice, a row of another contract) is reported as on one thread.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var problems = Calculator.Sorted(priced.SelectMany(p => p.Problems));
        return problems.IsEmpty ? ([.. priced.SelectMany(p => p.Lines)], problems) : ([], problems);
    }

    private static (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) Priced(
        SettlementInput input, IReadOnlyList<Participant> participants, IReadOnlyList<EvidenceVersion> known, IReadOnlyList<PostedBalance> posted)
    {
        var delta = new Delta.Builder(input.Contract, posted, input.AsOf, input.SchemeSha256);
        var problems = Calculator.CalculateEach(
            input.Contract, input.Rules, participants, known, input.AsOf, input.KnownAt, Explanations.Omitted, delta.Add);
        return problems.IsEmpty ? (delta.Finish(), problems) : ([], problems);
    }

    // Quantiles of about a thousand ids spread over the list: close enough to share the work evenly,
    // without sorting every id. A list of fewer than two thousand ids is sampled whole.
    private static List<string> Boundaries(IReadOnlyList<Participant> participants, int parts)
    {
        var step = Math.Max(1, participants.Count / 1024);
        var sample = new List<string>((participants.Count / step) + 1);
        for (var i = 0; i < participants.Count; i += step)
        {
            sample.Add(participants[i].Id.Value);
        }

        sample.Sort(StringComparer.Ordinal);
        return [.. Enumerable.Range(1, parts - 1).Select(k => sample[k * sample.Count / parts])];
    }

    private static List<T>[] Split<T>(IReadOnlyList<T> items, int parts, Func<T, int> partOf)
    {
        var split = new List<T>[parts];
        for (var i = 0; i < parts; i++)
        {
            split[i] = new List<T>(items.Count / parts);
        }

        foreach (var item in items)
        {
            split[partOf(item)].Add(item);
        }

        return split;
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
        var header = latest with { LineCount = 0, Payments = Money.Zero, Clawbacks = Money.Zero, PrevHash = latest.Hash, Hash = "" };
        return new SettlementPlan(header with { Hash = RunHasher.Compute(header, []) }, [], []);
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
