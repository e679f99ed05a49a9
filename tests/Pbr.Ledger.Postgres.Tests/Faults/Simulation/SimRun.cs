using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Npgsql;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Inputs;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Tariffs;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>
/// One seed's simulation on its own database: the scheme is published, then 20–40 steps drawn from
/// the seed import, settle, dry-run, replay, fault and re-settle. After every step the ledger's
/// balance per key must equal <see cref="SimModel"/> for the inputs the last real run read, and
/// <see cref="LedgerVerifier"/> must find nothing.
/// </summary>
internal sealed partial class SimRun : IAsyncDisposable
{
    private readonly int _seed;
    private readonly Random _random;
    private readonly SimScheme _scheme;
    private readonly SimWorld _world;
    private readonly TestDatabase _database;
    private readonly NpgsqlDataSource _app;
    private readonly NpgsqlDataSource _auditor;
    private readonly SimLedger _ledger;
    private readonly List<SimBatch> _batches = [];
    private CompiledTariffCatalog _catalog = null!;

    // What the last real run read: its dates and the inputs held when it ran. The ledger must hold exactly what the model says these owe.
    private (LocalDate AsOf, LocalDate KnownAt, ImmutableArray<Participant> Participants, ImmutableArray<EvidenceVersion> Evidence)? _settled;
    private bool _importedSinceSettle;
    private string _lastAttempt = "none";
    private int _imports, _settles, _dryRuns, _replays, _faults, _resettles;
    private long _keysChecked;

    private SimRun(int seed, TestDatabase database)
    {
        _seed = seed;
        _random = new Random(seed);
        _scheme = SimScheme.Generate(seed, _random);
        _world = new SimWorld(_scheme, _random);
        _database = database;
        _app = PbrDataSource.Create(database.AsRole("pbr_app").ConnectionString);
        _auditor = PbrDataSource.Create(database.AsRole("pbr_auditor").ConnectionString);
        _ledger = new SimLedger(database, _scheme.ContractId);
    }

    /// <summary>Runs the simulation of <paramref name="seed"/> on a fresh database and returns what it did.</summary>
    /// <exception cref="SimFailure">A step broke an invariant; the message names the seed, the step and the action.</exception>
    public static async Task<SimSummary> RunAsync(int seed)
    {
        var watch = Stopwatch.StartNew();
        await using var run = new SimRun(seed, await TestDatabase.CreateAsync());
        return await run.RunStepsAsync(watch);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _auditor.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<SimSummary> RunStepsAsync(Stopwatch watch)
    {
        await PublishAsync();
        var steps = _random.Next(20, 41);
        for (var step = 1; step <= steps; step++)
        {
            var action = step == 1 ? SimAction.Import : Choose();
            var detail = "";
            try
            {
                detail = await DoAsync(action);
                await CheckInvariantsAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new SimFailure(string.Create(
                    CultureInfo.InvariantCulture,
                    $"seed {_seed}, step {step} of {steps} ({action}{(detail.Length > 0 ? ": " + detail : "")}): {e.Message}\n" +
                    $"last settled: {Describe()}; last settlement attempted: {_lastAttempt}\nreplay it with PBR_SIM_SEED={_seed}\n--- tariff ---\n{_scheme.Render()}\n--- exception ---\n{e}"));
            }
        }

        var (runs, lines) = await _ledger.CountsAsync();
        return new SimSummary(_seed, steps, _imports, _settles, _dryRuns, _replays, _faults, _resettles, runs, lines, await _ledger.ClawbackLinesAsync(), _keysChecked, watch.Elapsed);
    }

    private async Task PublishAsync()
    {
        var compilation = TariffCompiler.Compile([new SourceFile("simulated.pbr", _scheme.Render())]);
        if (compilation.HasErrors)
        {
            throw new SimFailure($"seed {_seed}: the generated tariff does not compile:\n{compilation.Render()}\n{_scheme.Render()}");
        }

        await new TariffStore(_app).PublishAsync(compilation);
        _catalog = new CompiledTariffCatalog(compilation);
    }

    private SimAction Choose() => _random.Next(0, 100) switch
    {
        < 30 => SimAction.Import,
        < 55 => SimAction.Settle,
        < 65 => SimAction.DryRun,
        < 75 => SimAction.Replay,
        < 90 => SimAction.Fault,
        _ => SimAction.Resettle,
    };

    private Task<string> DoAsync(SimAction action) => action switch
    {
        SimAction.Import => ImportAsync(),
        SimAction.Settle => SettleStepAsync(),
        SimAction.DryRun => DryRunAsync(),
        SimAction.Replay => ReplayAsync(),
        SimAction.Fault => FaultAsync(),
        SimAction.Resettle => ResettleAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an action"),
    };

    /// <summary>The ledger equals the model for what the last real run read, and every hash, chain link and total holds.</summary>
    private async Task CheckInvariantsAsync()
    {
        var expected = Owed();
        Same(expected, await _ledger.BalancesAsync(), "ledger balance per key vs the model as of the last settled date");
        _keysChecked += expected.Count;
        var report = await new LedgerVerifier(_auditor).VerifyAsync();
        Expect(report.Holds, "LedgerVerifier: " + string.Join("; ", report.Findings.Select(f => f.ToString())));
    }

    private SortedDictionary<string, long> Owed() =>
        _settled is { } s ? SimModel.Owed(_scheme, s.Participants, s.Evidence, s.AsOf, s.KnownAt) : new(StringComparer.Ordinal);

    private SortedDictionary<string, long> OwedNow(LocalDate asOf, LocalDate knownAt) =>
        SimModel.Owed(_scheme, _world.Participants, _world.Evidence, asOf, knownAt);

    private string Describe() => _settled is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"as of {s.AsOf:yyyy-MM-dd} known at {s.KnownAt:yyyy-MM-dd}, {s.Participants.Length} participants, {s.Evidence.Length} evidence versions")
        : "nothing yet";

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new SimFailure(message);
        }
    }

    /// <summary>Compares two amounts-per-key maps and names every key that differs.</summary>
    private static void Same(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual, string what)
    {
        var differing = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"  {k}: expected {expected.GetValueOrDefault(k)}, actual {actual.GetValueOrDefault(k)}"))
            .ToList();
        Expect(differing.Count == 0, $"{what}: {differing.Count} keys differ\n{string.Join('\n', differing.Take(20))}");
    }
}
