using System.Collections.Immutable;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Settlement;
using Polly;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>
/// Settles one fire of a schedule: each contract on its own, claimed first in the history so that
/// schedulers sharing the database run it once, retried per the configured policy when it fails, and
/// recorded with its outcome.
/// </summary>
/// <remarks>
/// Contracts are settled one at a time and never wait for each other: a contract held by another run
/// is a failure that the retry policy retries later, not a wait, and a contract that fails after its
/// retries is recorded and the next contract goes ahead. A cancelled token aborts the current
/// settlement before it commits (the ledger is unchanged), records it as cancelled and claims no more.
/// </remarks>
public sealed class ScheduledSettlement(
    NpgsqlDataSource dataSource, ResiliencePipeline failureRetry, IClock clock, string claimedBy, SettlementHooks? hooks = null)
{
    private readonly ScheduleHistory _history = new(dataSource);

    /// <summary>Settles <paramref name="contracts"/> for <paramref name="fire"/> by the tariffs in <paramref name="catalog"/>.</summary>
    public async Task<ImmutableArray<ContractFireResult>> RunAsync(
        ScheduledFire fire, IReadOnlyCollection<ContractId> contracts, ITariffCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fire);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(catalog);
        var runner = new SettlementRunner(dataSource, TransientRetry.Create(), hooks);
        var results = ImmutableArray.CreateBuilder<ContractFireResult>();
        foreach (var contract in contracts.Distinct().Order())
        {
            // Stop claiming once asked to stop: unclaimed contracts are left for the catch-up at the next start.
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var claim = await _history.TryClaimAsync(
                fire.Schedule, fire.FireTime, contract, fire.AsOf, fire.KnownAt, clock.GetCurrentInstant(), claimedBy, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                results.Add(new ContractFireResult(contract, null, null));
                continue;
            }

            var result = await SettleAsync(runner, fire, contract, catalog, cancellationToken).ConfigureAwait(false);
            // The outcome is recorded even when stopping, so that history never shows a cancelled run as running.
            await _history.RecordAsync(claim, result, CancellationToken.None).ConfigureAwait(false);
            results.Add(new ContractFireResult(contract, claim, result));
            if (result.Outcome == ScheduleOutcome.Cancelled)
            {
                break;
            }
        }

        return results.ToImmutable();
    }

    private async Task<ScheduleResult> SettleAsync(
        SettlementRunner runner, ScheduledFire fire, ContractId contract, ITariffCatalog catalog, CancellationToken cancellationToken)
    {
        var started = clock.GetCurrentInstant();
        var tries = 0;
        var request = new SettleRequest(fire.AsOf, fire.KnownAt, [contract], DryRun: false, NoWait: true, KeepLines: false);
        try
        {
            var outcome = await failureRetry.ExecuteAsync(
                async token =>
                {
                    tries++;
                    var attempt = await runner.SettleAsync(request, catalog, null, token).ConfigureAwait(false);
                    // Busy is thrown so that the policy retries it later instead of this run waiting for the lock.
                    return attempt.Status == SettleStatus.Busy
                        ? throw new ContractBusyException($"contract {contract} is being settled by another run")
                        : attempt;
                },
                cancellationToken).ConfigureAwait(false);
            return Result(outcome, started, tries);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ScheduleResult(ScheduleOutcome.Cancelled, clock.GetCurrentInstant(), clock.GetCurrentInstant() - started, tries, null, 0, "stopped before the run committed");
        }
#pragma warning disable CA1031 // Any failure of one contract is recorded, and must not stop the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new ScheduleResult(ScheduleOutcome.Failed, clock.GetCurrentInstant(), clock.GetCurrentInstant() - started, tries, null, 0, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private ScheduleResult Result(SettleOutcome outcome, Instant started, int tries)
    {
        var finished = clock.GetCurrentInstant();
        switch (outcome.Status)
        {
            case SettleStatus.Problems:
                // The scheduler logs this text at Error, and logs above Debug never name a participant
                // (RELIABILITY 22): kinds and counts only; a dry run of the contract names each subject.
                var problems = string.Join(", ", outcome.Problems.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
                return new ScheduleResult(
                    ScheduleOutcome.Failed, finished, finished - started, tries, null, 0,
                    $"{outcome.Problems.Length} problem(s) ({problems}); nothing was posted; 'pbr settle --dry-run' for this contract and as-of date names each participant or cohort");
            case SettleStatus.UnknownContract:
                return new ScheduleResult(ScheduleOutcome.Failed, finished, finished - started, tries, null, 0, $"contract {outcome.Contract} is not in the published tariffs");
            default:
                var run = outcome.Runs.SingleOrDefault();
                return run?.RunId is { } id
                    ? new ScheduleResult(ScheduleOutcome.Posted, finished, finished - started, tries, id, run.Plan.Header.LineCount, null)
                    : new ScheduleResult(ScheduleOutcome.NothingNew, finished, finished - started, tries, null, 0, null);
        }
    }
}
