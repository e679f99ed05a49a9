using System.Collections.Concurrent;
using System.Collections.Immutable;
using Npgsql;
using Pbr.Core;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// One contract being priced on every core, its lines handed on in key order, a range of participants at
/// a time, to <see cref="CopyAsync"/>, which copies them while the rest are priced.
/// </summary>
internal sealed class ContractPricing : IDisposable
{
    // Not the inputs themselves: once priced, a contract's millions of rows need not wait for its COPY to end.
    private readonly ContractId? _contract;
    private readonly Money _paidBefore;
    private readonly BlockingCollection<ImmutableArray<PostingLine>> _priced = [];
    private Task<SettlementPlan> _plan;

    private ContractPricing(ContractInputs inputs)
    {
        if (inputs.Unchanged is { } unchanged)
        {
            _priced.CompleteAdding();
            _plan = Task.FromResult(unchanged);
            return;
        }

        var input = inputs.Input!;
        var digest = new DigestOnce(input, inputs.Hashes!);
        _contract = input.Contract.Id;
        _paidBefore = Money.Sum(inputs.Posted.Select(p => p.Amount));
        // A thread of its own: the pricing must not wait for the pool, whose threads may be blocked on its lines.
        _plan = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return SettlementPlanner.Plan(input, inputs.Posted, inputs.PrevHash, Environment.ProcessorCount, _priced.Add, digest.Make);
                }
                finally
                {
                    _priced.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Gets a task that completes when the pricing has ended, however it ended.</summary>
    public Task Ended => Task.WhenAny(_plan);

    /// <summary>Starts pricing <paramref name="inputs"/>.</summary>
    public static ContractPricing Start(ContractInputs inputs) => new(inputs);

    /// <summary>
    /// Copies the lines into the ledger on <paramref name="connection"/> as they are priced, and returns
    /// the plan, what was posted before and the run id the lines were written under (none when there are
    /// none). The run's header is the caller's to write once the plan is accepted.
    /// </summary>
    public async Task<(SettlementPlan Plan, Money PaidBefore, RunId? RunId)> CopyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_contract is not { } contract)
        {
            return (await _plan.ConfigureAwait(false), Money.Zero, null);
        }

        (RunId? Id, int Lines) copied;
        try
        {
            copied = await RunWriter.CopyLinesAsync(connection, contract, _priced.GetConsumingEnumerable(cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            // The pricing is waited for (its result is of no use now), so that no work outlives the attempt that started it.
            await Ended.ConfigureAwait(false);
            throw;
        }

        var plan = await _plan.ConfigureAwait(false);
        // Handed to the caller, who may keep the plan without its lines: this does not hold them too.
        _plan = Task.FromResult(plan.WithoutLines());
        if (plan.Problems.IsEmpty && copied.Lines != plan.Lines.Length)
        {
            throw new InvalidOperationException($"{copied.Lines} lines of contract {plan.Header.Contract} were copied for a plan of {plan.Lines.Length}.");
        }

        return (plan, _paidBefore, copied.Id);
    }

    /// <inheritdoc/>
    public void Dispose() => _priced.Dispose();

    /// <summary>
    /// The input digest from the rows' stored hashes, made while the lines are priced; the hashes (a hundred
    /// megabytes at a million participants) are let go as soon as it is made, not when the pricing ends.
    /// </summary>
    private sealed class DigestOnce(SettlementInput input, InputHashes hashes)
    {
        private InputHashes? _hashes = hashes;

        public string Make()
        {
            var stored = _hashes ?? throw new InvalidOperationException("The input digest is made once.");
            _hashes = null;
            return InputDigest.Of(input.Participants, input.Evidence, stored);
        }
    }
}
