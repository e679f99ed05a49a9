using System.Collections.Immutable;
using Npgsql;
using Pbr.Core;
using Pbr.Engine;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;
using Polly;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// Runs a settlement: take every contract's advisory lock, then for each contract, in ordinal order,
/// read what the ledger holds and the inputs known at K, plan the run (<see cref="SettlementPlanner"/>)
/// while its lines are copied, and write its header: every contract's lines and header in one transaction. A dry run does exactly the same, then rolls back.
/// </summary>
/// <remarks>
/// Transient faults are retried by <paramref name="retry"/>. Each settlement has one run key, chosen
/// before the first attempt; every attempt first looks the key up, so an attempt whose commit
/// succeeded but whose acknowledgement was lost is found and never posted twice.
/// </remarks>
public sealed class SettlementRunner(NpgsqlDataSource dataSource, ResiliencePipeline retry, SettlementHooks? hooks = null)
{
    private readonly SettlementHooks _hooks = hooks ?? SettlementHooks.None;

    /// <summary>Settles the contracts of <paramref name="request"/> by the tariffs in <paramref name="catalog"/>.</summary>
    public async Task<SettleOutcome> SettleAsync(
        SettleRequest request, ITariffCatalog catalog, IProgress<ContractId>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var terms = catalog.Contracts.ToDictionary(c => c.Id);
        var wanted = request.Contracts.IsDefaultOrEmpty ? [.. terms.Keys] : request.Contracts.Distinct().ToList();
        if (wanted.Find(c => !terms.ContainsKey(c)) is { Value: not null } unknown)
        {
            return new SettleOutcome(SettleStatus.UnknownContract, [], unknown, []);
        }

        wanted.Sort();
        var runKey = Guid.NewGuid().ToString("N");
        var plans = new Dictionary<ContractId, SettlementPlan>();
        return await retry.ExecuteAsync(
            async token => await AttemptAsync(request, catalog, wanted, runKey, plans, progress, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<SettleOutcome> AttemptAsync(
        SettleRequest request,
        ITariffCatalog catalog,
        List<ContractId> contracts,
        string runKey,
        Dictionary<ContractId, SettlementPlan> plans,
        IProgress<ContractId>? progress,
        CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var busy = await Sql.ContractLock.TakeAsync(connection, transaction, contracts, wait: !request.NoWait, cancellationToken).ConfigureAwait(false);
                if (busy is { } held)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new SettleOutcome(SettleStatus.Busy, [], held, []);
                }

                await _hooks.At("locked", connection, cancellationToken).ConfigureAwait(false);
                if (!request.DryRun && await CommittedEarlierAsync(connection, contracts, runKey, plans, cancellationToken).ConfigureAwait(false) is { } earlier)
                {
                    return earlier;
                }

                // Inputs are read on a second connection, so that the next contract is read while this one's lines
                // are copied on the first: once this one is priced, when its rows are garbage and the cores free.
                // Those reads see none of this transaction's writes, and need not: a contract's inputs and balances
                // never depend on another's, and every contract's lock is held.
                var reads = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (reads.ConfigureAwait(false))
                {
                    // A read still to come when the attempt stops (a failure, problems, the safety bound) is cancelled, not awaited whole.
                    using var stopReads = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var runs = ImmutableArray.CreateBuilder<ContractRun>();
                    var next = contracts.Count > 0 ? ReadAsync(reads, request, catalog, contracts[0], stopReads.Token) : null;
                    try
                    {
                        for (var i = 0; next is not null; i++)
                        {
                            var contract = contracts[i];
                            // Priced only now: priced while the previous contract's lines were copied, its lines would wait in memory.
                            using var pricing = ContractPricing.Start(await next.ConfigureAwait(false));
                            next = i + 1 < contracts.Count ? ReadAfterAsync(pricing.Ended, reads, request, catalog, contracts[i + 1], stopReads.Token) : null;
                            var (run, stopped) = await PostAsync(connection, request, runKey, contract, pricing, cancellationToken).ConfigureAwait(false);
                            plans[contract] = run.Plan;
                            if (stopped is not null)
                            {
                                // The lines copied so far are rolled back with everything else: nothing of the settlement is posted.
                                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                                return stopped;
                            }

                            runs.Add(run);
                            progress?.Report(contract);
                        }
                    }
                    finally
                    {
                        // However the attempt ends, no read or pricing it started outlives it.
                        await stopReads.CancelAsync().ConfigureAwait(false);
                        await EndedAsync(next).ConfigureAwait(false);
                    }

                    await _hooks.At("written", connection, cancellationToken).ConfigureAwait(false);
                    if (request.DryRun)
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        await _hooks.At("committed", connection, cancellationToken).ConfigureAwait(false);
                    }

                    return new SettleOutcome(SettleStatus.Settled, runs.ToImmutable(), null, []);
                }
            }
        }
    }

    /// <summary>
    /// Copies a contract's lines as they are priced and writes its header, unless the plan has problems or
    /// trips the safety bound (then the outcome that stops the settlement is returned with the run).
    /// </summary>
    private static async Task<(ContractRun Run, SettleOutcome? Stopped)> PostAsync(
        NpgsqlConnection connection, SettleRequest request, string runKey, ContractId contract, ContractPricing pricing, CancellationToken cancellationToken)
    {
        var (plan, paidBefore, runId) = await pricing.CopyAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!plan.Problems.IsEmpty)
        {
            var refused = new ContractRun(contract, plan, null);
            return (refused, new SettleOutcome(SettleStatus.Problems, [refused], null, plan.Problems));
        }

        if (SafetyBound.Exceeded(plan.Header.Clawbacks, paidBefore, request.MaxClawbackShare))
        {
            // A clawback this large is more likely a bad evidence file than real withdrawals: a person decides.
            var stopped = new ContractRun(contract, plan, null);
            return (stopped, new SettleOutcome(SettleStatus.NeedsReview, [stopped], contract, []));
        }

        // A run with nothing to post leaves no header (and took no id): "settle; settle" changes nothing at all.
        if (runId is { } id)
        {
            await RunWriter.WriteHeaderAsync(connection, id, runKey, plan, cancellationToken).ConfigureAwait(false);
        }

        // Unless the lines are wanted (a statement of them), only the header is kept: then a settlement of
        // many contracts holds one contract's lines at a time. A dry run's id is rolled back with it and
        // never names a posted run.
        return (new ContractRun(contract, request.KeepLines ? plan : plan.WithoutLines(), request.DryRun ? null : runId), null);
    }

    /// <summary>Reads a contract's inputs once <paramref name="priced"/> (the previous contract's pricing) has ended.</summary>
    private async Task<ContractInputs> ReadAfterAsync(
        Task priced, NpgsqlConnection connection, SettleRequest request, ITariffCatalog catalog, ContractId contract, CancellationToken cancellationToken)
    {
        await priced.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return await ReadAsync(connection, request, catalog, contract, cancellationToken).ConfigureAwait(false);
    }

    // A read that failed is the attempt's failure only when awaited in turn; here it is of no use any more.
    private static Task EndedAsync(Task<ContractInputs>? next) => next is null ? Task.CompletedTask : Task.WhenAny(next);

    /// <summary>Reads one contract's inputs on <paramref name="connection"/>.</summary>
    private async Task<ContractInputs> ReadAsync(
        NpgsqlConnection connection, SettleRequest request, ITariffCatalog catalog, ContractId contract, CancellationToken cancellationToken)
    {
        var terms = catalog.Contracts.First(c => c.Id == contract);
        var latest = await LedgerReads.LatestRunAsync(connection, terms.Id, cancellationToken).ConfigureAwait(false);
        var schemeSha = catalog.SchemeSha256(terms.Scheme);
        ImmutableArray<string> tariffs = [schemeSha, catalog.ContractSha256(terms.Id)];
        if (latest is not null)
        {
            // Settling again with nothing new is the common case of a re-run: it need not read or price anything.
            var (participantRows, evidenceRows) = await LedgerReads.InputRowsAsync(connection, terms.Id, request.KnownAt, cancellationToken).ConfigureAwait(false);
            if (SettlementPlanner.Repeats(latest, request.AsOf, request.KnownAt, EngineInfo.Version, tariffs, participantRows, evidenceRows))
            {
                return new ContractInputs(SettlementPlanner.Unchanged(latest), null, [], latest.Hash);
            }
        }

        var posted = await LedgerReads.PostedAsync(connection, terms.Id, cancellationToken).ConfigureAwait(false);
        // The rows' stored content hashes make the run's input digest without hashing every row again.
        List<Sha256Value> participantHashes = [];
        List<Sha256Value> evidenceHashes = [];
        var participants = await LedgerReads.ParticipantsAsync(connection, terms.Id, cancellationToken, hashes: participantHashes).ConfigureAwait(false);
        await _hooks.At("read-participants", connection, cancellationToken).ConfigureAwait(false);
        var evidence = await LedgerReads.EvidenceAsync(connection, terms.Id, request.KnownAt, cancellationToken, hashes: evidenceHashes).ConfigureAwait(false);
        await _hooks.At("read-evidence", connection, cancellationToken).ConfigureAwait(false);
        var input = new SettlementInput(
            terms, catalog.Scheme(terms.Scheme), schemeSha, tariffs,
            participants, evidence, request.AsOf, request.KnownAt, EngineInfo.Version);
        return new ContractInputs(null, input, posted, latest?.Hash ?? Sha256Hex.Genesis, new InputHashes(participantHashes, evidenceHashes));
    }

    private static async Task<SettleOutcome?> CommittedEarlierAsync(
        NpgsqlConnection connection, List<ContractId> contracts, string runKey, Dictionary<ContractId, SettlementPlan> plans, CancellationToken cancellationToken)
    {
        // All contracts of one settlement commit in one transaction, so finding the key for any contract
        // means the whole earlier attempt committed.
        var runs = ImmutableArray.CreateBuilder<ContractRun>();
        var found = false;
        foreach (var contract in contracts)
        {
            var id = await LedgerReads.RunByKeyAsync(connection, contract, runKey, cancellationToken).ConfigureAwait(false);
            found |= id is not null;
            if (plans.TryGetValue(contract, out var plan))
            {
                runs.Add(new ContractRun(contract, plan, id));
            }
        }

        return found ? new SettleOutcome(SettleStatus.AlreadyCommitted, runs.ToImmutable(), null, []) : null;
    }
}
