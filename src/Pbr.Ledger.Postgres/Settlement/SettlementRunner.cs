using System.Collections.Immutable;
using Npgsql;
using Pbr.Core;
using Pbr.Engine;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;
using Polly;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// Runs a settlement: for each contract, in ordinal order, take its advisory lock, read what the
/// ledger holds and the inputs known at K, plan the run (<see cref="SettlementPlanner"/>), and write
/// every contract's header and lines in one transaction. A dry run does exactly the same, then rolls back.
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

                var runs = ImmutableArray.CreateBuilder<ContractRun>();
                // The first contract is priced while the server waits: every core may take part. Later ones
                // are priced while the previous contract's lines are copied, and leave the server its core.
                var pricing = contracts.Count > 0
                    ? Price(await ReadAsync(connection, request, catalog, contracts[0], cancellationToken).ConfigureAwait(false), Environment.ProcessorCount, cancellationToken)
                    : null;
                for (var i = 0; pricing is not null; i++)
                {
                    var contract = contracts[i];
                    // The next contract's inputs are read while this one is priced, which leaves the server idle otherwise.
                    var nextInputs = i + 1 < contracts.Count
                        ? await WhileAsync(pricing, ReadAsync(connection, request, catalog, contracts[i + 1], cancellationToken)).ConfigureAwait(false)
                        : null;
                    var (plan, paidBefore) = await pricing.ConfigureAwait(false);
                    plans[contract] = plan;
                    if (!plan.Problems.IsEmpty)
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        return new SettleOutcome(SettleStatus.Problems, [new ContractRun(contract, plan, null)], null, plan.Problems);
                    }

                    if (SafetyBound.Exceeded(plan.Header.Clawbacks, paidBefore, request.MaxClawbackShare))
                    {
                        // A clawback this large is more likely a bad evidence file than real withdrawals: a person decides.
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        return new SettleOutcome(SettleStatus.NeedsReview, [new ContractRun(contract, plan, null)], contract, []);
                    }

                    // The next contract is priced on another core while this contract's lines are written:
                    // the COPY keeps the server busy, pricing the client.
                    var next = nextInputs is null ? null : Price(nextInputs, cores: 1, cancellationToken);

                    // A run with nothing to post leaves no header: "settle; settle" changes nothing at all.
                    var runId = plan.IsEmpty ? (RunId?)null : await WhileAsync(next, RunWriter.WriteAsync(connection, runKey, plan, cancellationToken)).ConfigureAwait(false);
                    // A dry run's id is rolled back with it and never names a posted run.
                    runs.Add(new ContractRun(contract, plan, request.DryRun ? null : runId));
                    progress?.Report(contract);
                    pricing = next;
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

    // Awaits work on the connection while a contract is priced; if that work fails, the pricing is waited
    // for too (its result is of no use now), so that no work outlives the attempt that started it.
    private static async Task<T> WhileAsync<T>(Task? pricing, Task<T> work)
    {
        try
        {
            return await work.ConfigureAwait(false);
        }
        catch when (pricing is not null)
        {
            await Task.WhenAny(pricing).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What a contract's run is planned from: its inputs, or the plan of a run that would repeat the latest.</summary>
    private sealed record ContractInputs(SettlementPlan? Unchanged, SettlementInput? Input, List<PostedBalance> Posted, string PrevHash);

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
        // Made now, so that the hashes are not held while the contract waits to be priced.
        var digest = InputDigest.Of(participants, evidence, new InputHashes(participantHashes, evidenceHashes));
        var input = new SettlementInput(
            terms, catalog.Scheme(terms.Scheme), schemeSha, tariffs,
            participants, evidence, request.AsOf, request.KnownAt, EngineInfo.Version, digest);
        return new ContractInputs(null, input, posted, latest?.Hash ?? Sha256Hex.Genesis);
    }

    /// <summary>Prices a contract's inputs on the thread pool.</summary>
    private static Task<(SettlementPlan Plan, Money PaidBefore)> Price(ContractInputs inputs, int cores, CancellationToken cancellationToken) =>
        inputs.Unchanged is { } unchanged
            ? Task.FromResult((unchanged, Money.Zero))
            : Task.Run(() => (SettlementPlanner.Plan(inputs.Input!, inputs.Posted, inputs.PrevHash, cores), Money.Sum(inputs.Posted.Select(p => p.Amount))), cancellationToken);

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
