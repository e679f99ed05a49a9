using System.Collections.Immutable;
using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Calculation;
using Pbr.Engine.Tests.Fixtures;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tests.Settlement;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests;

/// <summary>
/// A migrated database with the application connecting as <c>pbr_app</c> (INSERT and SELECT only),
/// and helpers to import toy rows and settle. Each test uses its own contract, so tests sharing
/// the fixture's database never see each other's rows.
/// </summary>
public abstract class LedgerFixture : DatabaseFixture
{
    private static int s_contracts;
    private NpgsqlDataSource? _app;

    /// <summary>Gets a data source connecting as the application role.</summary>
    protected NpgsqlDataSource App => _app ?? throw new InvalidOperationException("created in OneTimeSetUp");

    [OneTimeSetUp]
    public void CreateAppDataSource() => _app = PbrDataSource.Create(Database.AsRole("pbr_app").ConnectionString);

    [OneTimeTearDown]
    public async Task DisposeAppDataSourceAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    protected static ContractTerms NewContract() =>
        Rows.Contract with { Id = new ContractId($"TOY-{Interlocked.Increment(ref s_contracts):D4}") };

    protected static Participant In(ContractTerms contract, Participant p) => p with { Contract = contract.Id };

    protected static EvidenceVersion In(ContractTerms contract, EvidenceVersion e) => e with { Contract = contract.Id };

    protected async Task<ImportOutcome> ImportParticipantsAsync(ContractTerms contract, IEnumerable<Participant> rows)
    {
        var lines = rows.Select((p, i) => new ImportRow<Participant>(i + 2, In(contract, p))).ToList();
        return await new InputStore(App).ImportParticipantsAsync(new ImportFile("participants.csv", new string('a', 64), 0), lines);
    }

    protected async Task<ImportOutcome> ImportEvidenceAsync(ContractTerms contract, IEnumerable<EvidenceVersion> rows)
    {
        var lines = rows.Select((e, i) => new ImportRow<EvidenceVersion>(i + 2, In(contract, e))).ToList();
        return await new InputStore(App).ImportEvidenceAsync(new ImportFile("evidence.csv", new string('b', 64), 0), lines);
    }

    protected async Task ImportAsync(ContractTerms contract, Timeline timeline)
    {
        var people = await ImportParticipantsAsync(contract, timeline.Participants);
        var evidence = await ImportEvidenceAsync(contract, timeline.Evidence);
        Assert.That(people.HasConflicts || evidence.HasConflicts, Is.False, "the generated timeline imports cleanly");
    }

    protected Task<SettleOutcome> SettleAsync(
        ContractTerms contract, LocalDate asOf, LocalDate? knownAt = null, bool dryRun = false, bool noWait = false, SettlementHooks? hooks = null) =>
        SettleAsync([contract], asOf, knownAt, dryRun, noWait, hooks);

    protected Task<SettleOutcome> SettleAsync(
        ContractTerms[] contracts, LocalDate asOf, LocalDate? knownAt = null, bool dryRun = false, bool noWait = false, SettlementHooks? hooks = null)
    {
        var runner = new SettlementRunner(App, TransientRetry.Create(3, TimeSpan.FromMilliseconds(10)), hooks);
        var request = new SettleRequest(asOf, knownAt ?? asOf, [.. contracts.Select(c => c.Id)], dryRun, noWait);
        return runner.SettleAsync(request, new ToyCatalog(contracts));
    }

    /// <summary>Reads the ledger's balance per key (participant or cohort, outcome, instalment) of a contract, zero balances left out.</summary>
    protected async Task<ImmutableSortedDictionary<string, long>> BalancesAsync(ContractTerms contract)
    {
        await using var connection = await Database.OpenAsync();
        var rows = await connection.QueryAsync<(string Key, long Amount)>(
            """
            SELECT coalesce(participant_id, '') || '|' || coalesce(cohort, '') || '|' || outcome || '|' || instalment, sum(amount_pence)::bigint
            FROM ledger_lines WHERE contract_id = @contract
            GROUP BY participant_id, cohort, outcome, instalment
            HAVING sum(amount_pence) <> 0
            """,
            new { contract = contract.Id.Value });
        return rows.ToImmutableSortedDictionary(r => r.Key, r => r.Amount, StringComparer.Ordinal);
    }

    protected async Task<long> CountAsync(string table, ContractTerms contract)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE contract_id = @contract", new { contract = contract.Id.Value });
    }

    /// <summary>What the toy scheme says the contract is owed for the timeline as of a date, computed apart from any run.</summary>
    protected static ImmutableSortedDictionary<string, long> Entitled(ContractTerms contract, Timeline timeline, LocalDate asOf) =>
        Calculator.Calculate(
                contract, new ToyScheme(), [.. timeline.Participants.Select(p => In(contract, p))], [.. timeline.Evidence.Select(e => In(contract, e))], asOf, asOf)
            .Lines
            .Where(l => l.Amount != Money.Zero)
            .ToImmutableSortedDictionary(l => $"{l.Key.Participant}|{l.Key.Cohort}|{l.Key.Outcome}|{l.Key.Instalment}", l => l.Amount.Pence, StringComparer.Ordinal);
}
