using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

internal sealed partial class SimRun
{
    private async Task<string> ImportAsync()
    {
        _imports++;
        var store = new InputStore(_app);
        if (_batches.Count > 0 && _random.Next(0, 10) == 0)
        {
            // The same delivery again: every row is held identically, so nothing changes.
            var again = _batches[_random.Next(_batches.Count)];
            if (!again.Participants.IsEmpty)
            {
                var people = await store.ImportParticipantsAsync(File("participants"), Rows(again.Participants));
                Expect(people.IsNoOp, $"re-importing participants inserted {people.Inserted} rows, conflicts {people.Conflicts.Length}");
            }

            var versions = await store.ImportEvidenceAsync(File("evidence"), Rows(again.Evidence));
            Expect(versions.IsNoOp, $"re-importing evidence inserted {versions.Inserted} rows, conflicts {versions.Conflicts.Length}");
            return "an earlier delivery again";
        }

        var batch = _world.NextBatch((_settled?.AsOf ?? _scheme.Starts).PlusDays(_random.Next(0, 45)));
        _batches.Add(batch);
        if (!batch.Participants.IsEmpty)
        {
            var people = await store.ImportParticipantsAsync(File("participants"), Rows(batch.Participants));
            Expect(!people.HasConflicts && people.Inserted == batch.Participants.Length, $"participants: inserted {people.Inserted} of {batch.Participants.Length}, conflicts {string.Join("; ", people.Conflicts)}");
        }

        if (!batch.Evidence.IsEmpty)
        {
            var versions = await store.ImportEvidenceAsync(File("evidence"), Rows(batch.Evidence));
            Expect(!versions.HasConflicts && versions.Inserted == batch.Evidence.Length, $"evidence: inserted {versions.Inserted} of {batch.Evidence.Length}, conflicts {string.Join("; ", versions.Conflicts)}");
        }

        _importedSinceSettle |= !batch.Participants.IsEmpty || !batch.Evidence.IsEmpty;
        return string.Create(CultureInfo.InvariantCulture, $"{batch.Participants.Length} participants, {batch.Evidence.Length} evidence versions of which {batch.Amendments} amend an earlier id");
    }

    private async Task<string> SettleStepAsync()
    {
        var (asOf, knownAt) = NextDates();
        var outcome = await SettleCleanAsync(asOf, knownAt);
        return Dates(asOf, knownAt) + string.Create(CultureInfo.InvariantCulture, $", {outcome.LineCount} lines");
    }

    private async Task<string> DryRunAsync()
    {
        _dryRuns++;
        var (asOf, knownAt) = NextDates();
        var before = await _ledger.BalancesAsync();
        var counts = await _ledger.CountsAsync();
        var expected = OwedNow(asOf, knownAt);

        var dry = await SettleAsync(asOf, knownAt, dryRun: true);

        Expect(dry.Status == SettleStatus.Settled, $"dry run status {dry.Status}: {string.Join("; ", dry.Problems)}");
        Expect(await _ledger.CountsAsync() == counts, "a dry run posted runs or lines");
        Same(before, await _ledger.BalancesAsync(), "ledger after a dry run vs before it");
        Same(expected, Applied(before, dry), "ledger plus the dry run's lines vs the model");
        if (_random.Next(0, 2) == 0)
        {
            return Dates(asOf, knownAt) + string.Create(CultureInfo.InvariantCulture, $", {dry.LineCount} lines not posted");
        }

        // RELIABILITY 16: the real run on the same inputs gives byte-identical lines and run hash.
        var real = await SettleCleanAsync(asOf, knownAt);
        var (dryPlan, realPlan) = (dry.Runs.Single().Plan, real.Runs.Single().Plan);
        Expect(dryPlan.Header.Hash == realPlan.Header.Hash, $"dry run hash {dryPlan.Header.Hash} but the real run's is {realPlan.Header.Hash}");
        Expect(dryPlan.Lines.Select(l => l.Hash).SequenceEqual(realPlan.Lines.Select(l => l.Hash)), "the dry run's lines differ from the real run's");
        return Dates(asOf, knownAt) + string.Create(CultureInfo.InvariantCulture, $", {dry.LineCount} lines, then the same run for real");
    }

    private async Task<string> ReplayAsync()
    {
        _replays++;
        var runs = await _ledger.RunsAsync();
        if (runs.Count == 0)
        {
            return "no run posted yet";
        }

        var replayer = new RunReplayer(_auditor);
        if (_random.Next(0, 5) == 0)
        {
            var all = await replayer.ReplayAsync(null);
            Expect(all.Select(r => r.Run).SequenceEqual(runs), $"replayed runs {string.Join(",", all.Select(r => r.Run.Value))} but posted {string.Join(",", runs.Select(r => r.Value))}");
            Expect(all.All(r => r.Identical), "replay differs: " + string.Join("; ", all.SelectMany(r => r.Differences.Select(d => $"run {r.Run.Value} {d}"))));
            return string.Create(CultureInfo.InvariantCulture, $"all {runs.Count} runs");
        }

        var run = runs[_random.Next(runs.Count)];
        var result = (await replayer.ReplayAsync(run)).Single();
        Expect(result.Identical, $"replay of run {run.Value} differs: " + string.Join("; ", result.Differences));
        return string.Create(CultureInfo.InvariantCulture, $"run {run.Value} of {runs.Count}, {result.Lines} lines");
    }

    private async Task<string> ResettleAsync()
    {
        _resettles++;
        if (_settled is not { } last)
        {
            return "nothing settled yet; " + await SettleStepAsync();
        }

        var quiet = !_importedSinceSettle;
        var outcome = await SettleCleanAsync(last.AsOf, last.KnownAt);
        // DESIGN §8.2: settle; settle posts nothing the second time (and leaves no run header).
        Expect(!quiet || outcome.LineCount == 0, $"a re-settle with nothing new posted {outcome.LineCount} lines");
        return Dates(last.AsOf, last.KnownAt) + (quiet ? ", nothing new imported" : ", after an import") + string.Create(CultureInfo.InvariantCulture, $", {outcome.LineCount} lines");
    }

    /// <summary>A real run with no fault: it must post exactly the difference between the model and the ledger, in one run or none.</summary>
    private async Task<SettleOutcome> SettleCleanAsync(LocalDate asOf, LocalDate knownAt)
    {
        _settles++;
        var before = await _ledger.BalancesAsync();
        var (runs, lines) = await _ledger.CountsAsync();
        var expected = OwedNow(asOf, knownAt);

        var outcome = await SettleAsync(asOf, knownAt);

        Expect(outcome.Status == SettleStatus.Settled, $"status {outcome.Status}: {string.Join("; ", outcome.Problems)}");
        Same(expected, Applied(before, outcome), "ledger before the run plus its lines vs the model");
        var changed = Changed(before, expected);
        Expect(outcome.LineCount == changed, $"the run has {outcome.LineCount} lines but {changed} keys changed");
        Expect(await _ledger.CountsAsync() == (runs + (changed > 0 ? 1 : 0), lines + changed), "run headers or lines posted differ from the run's plan");
        MarkSettled(asOf, knownAt);
        return outcome;
    }

    private Task<SettleOutcome> SettleAsync(LocalDate asOf, LocalDate knownAt, bool dryRun = false, SettlementHooks? hooks = null)
    {
        _lastAttempt = Dates(asOf, knownAt) + (dryRun ? ", dry run" : "") + (hooks is null ? "" : ", with a fault");
        var runner = new SettlementRunner(_app, TransientRetry.Create(3, TimeSpan.FromMilliseconds(5)), hooks);
        return runner.SettleAsync(new SettleRequest(asOf, knownAt, [new ContractId(_scheme.ContractId)], dryRun, NoWait: false), _catalog);
    }

    private void MarkSettled(LocalDate asOf, LocalDate knownAt)
    {
        _settled = (asOf, knownAt, [.. _world.Participants], [.. _world.Evidence]);
        _importedSinceSettle = false;
    }

    /// <summary>The next run's dates: a later as-of date, usually known at the same date, sometimes earlier.</summary>
    private (LocalDate AsOf, LocalDate KnownAt) NextDates()
    {
        var asOf = (_settled?.AsOf ?? _scheme.Starts).PlusDays(_random.Next(1, 46));
        return (asOf, _random.Next(0, 5) == 0 ? asOf.PlusDays(-_random.Next(1, 30)) : asOf);
    }

    private static int Changed(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        before.Keys.Union(after.Keys).Count(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k));

    /// <summary>What the ledger would hold per key with the run's lines added to <paramref name="before"/>.</summary>
    private static SortedDictionary<string, long> Applied(IReadOnlyDictionary<string, long> before, SettleOutcome outcome)
    {
        var after = new SortedDictionary<string, long>(before.ToDictionary(), StringComparer.Ordinal);
        foreach (var line in outcome.Runs.Single().Plan.Lines)
        {
            after[Key(line.Key)] = after.GetValueOrDefault(Key(line.Key)) + line.Amount.Pence;
        }

        return new SortedDictionary<string, long>(after.Where(kv => kv.Value != 0).ToDictionary(), StringComparer.Ordinal);
    }

    private static string Key(LineKey key) => string.Create(CultureInfo.InvariantCulture, $"{key.Participant}|{key.Cohort}|{key.Outcome}|{key.Instalment}");

    private static string Dates(LocalDate asOf, LocalDate knownAt) =>
        string.Create(CultureInfo.InvariantCulture, $"as of {asOf:yyyy-MM-dd}") + (knownAt == asOf ? "" : string.Create(CultureInfo.InvariantCulture, $" known at {knownAt:yyyy-MM-dd}"));

    private static ImportFile File(string name) => new(name + ".csv", new string('5', 64), 0);

    private static ImmutableArray<ImportRow<T>> Rows<T>(ImmutableArray<T> rows) => [.. rows.Select((r, i) => new ImportRow<T>(i + 2, r))];
}
