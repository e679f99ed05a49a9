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
    /// <param name="priced">
    /// When given, called with the plan's lines as they are priced: a range of participants at a time, the
    /// ranges in key order, one call at a time, so that they can be written while the rest are priced. Its
    /// lines are exactly the plan's when the plan has no problems; a plan with problems posts nothing,
    /// whatever was passed on before they were found.
    /// </param>
    /// <param name="inputDigest">
    /// When given (and <see cref="SettlementInput.InputDigest"/> is not), makes the digest of every row of the
    /// input, on another core while the lines are priced: the ledger makes it from the rows' stored hashes.
    /// </param>
    public static SettlementPlan Plan(
        SettlementInput input,
        IReadOnlyList<PostedBalance> posted,
        string prevHash,
        int cores = 1,
        Action<ImmutableArray<PostingLine>>? priced = null,
        Func<string>? inputDigest = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentException.ThrowIfNullOrEmpty(prevHash);

        // The ledger reads only what is known at K; a copy of millions of rows is made only when it is needed.
        var known = input.Evidence.All(e => e.RecordedOn <= input.KnownAt)
            ? input.Evidence
            : [.. input.Evidence.Where(e => e.RecordedOn <= input.KnownAt)];
        // The digest of the inputs needs no price: it is made on another core while the lines are priced, by
        // hashing the rows unless the ledger made it (or makes it). One the ledger made covers every row given,
        // so not a filtered copy.
        var all = ReferenceEquals(known, input.Evidence);
        var digest = string.Empty;
        (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) result = default;
        Parallel.Invoke(
            () => digest = (all ? input.InputDigest ?? inputDigest?.Invoke() : null) ?? InputDigest.Of(input.Participants, known),
            () => result = PostingLines(input, known, posted, Parts(input.Participants.Count, cores, priced is not null), cores, priced));
        var (lines, problems) = result;

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

    // Lines passed on as they are priced come this many participants at a time, so that the first are
    // written early; each range costs a little (its share of the evidence and balances is split out).
    private const int PassedOnEvery = 20_000;

    private static int Parts(int participants, int cores, bool passedOn) =>
        participants < PartsFrom ? 1
        : passedOn ? Math.Clamp(participants / PassedOnEvery, Math.Max(cores, 1), 64)
        : Math.Max(cores, 1);

    /// <summary>
    /// The lines a run posts and the problems that stop it. With more than one of <paramref name="parts"/>
    /// (and no cohorts, whose members span parts) the participants are priced in that many ranges of
    /// ids, on up to <paramref name="threads"/> threads (by default one per part), each taking the next
    /// range in order: every key names its participant, so each range's evidence and posted balances go
    /// with it, and the ranges' lines, each in key order, are in key order one after another. The
    /// result is the same for any number of parts. <paramref name="priced"/>, when given, gets each
    /// range's lines in range order as soon as they and those of every earlier range are priced, until
    /// a range has problems.
    /// </summary>
    internal static (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) PostingLines(
        SettlementInput input, IReadOnlyList<EvidenceVersion> known, IReadOnlyList<PostedBalance> posted, int parts, int threads = 0,
        Action<ImmutableArray<PostingLine>>? priced = null)
    {
        (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) whole;
        if (input.Rules.ContractCaps(input.Contract) is { Count: > 0 })
        {
            // Caps over the whole contract cut lines only once every line is known.
            var entitlement = Calculator.Calculate(input.Contract, input.Rules, input.Participants, known, input.AsOf, input.KnownAt, Explanations.Omitted);
            whole = entitlement.HasProblems
                ? ([], entitlement.Problems)
                : (Delta.Compute(input.Contract, entitlement.Lines, posted, input.AsOf, input.SchemeSha256), entitlement.Problems);
        }
        else if (parts < 2 || input.Rules.HasCohorts || input.Participants.Count < parts)
        {
            whole = Priced(input, input.Participants, known, posted);
        }
        else
        {
            return InParts(input, known, posted, parts, threads < 1 ? parts : Math.Min(threads, parts), priced);
        }

        if (priced is not null && whole.Problems.IsEmpty)
        {
            priced(whole.Lines);
        }

        return whole;
    }

    private static (ImmutableArray<PostingLine> Lines, ImmutableArray<EvaluationProblem> Problems) InParts(
        SettlementInput input, IReadOnlyList<EvidenceVersion> known, IReadOnlyList<PostedBalance> posted, int parts, int threads,
        Action<ImmutableArray<PostingLine>>? priced)
    {
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
        var ranges = new PricedRanges(parts, priced);
        var workers = new Task[threads - 1];
        for (var w = 0; w < workers.Length; w++)
        {
            // Threads of their own: the caller may be blocked on what this passes on, and the pool must not starve.
            workers[w] = Task.Factory.StartNew(
                () => ranges.Work(i => Priced(input, people[i], evidence[i], balances[i])),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        ranges.Work(i => Priced(input, people[i], evidence[i], balances[i]));
        Task.WaitAll(workers);
        return ranges.Result();
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
