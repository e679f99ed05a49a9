using System.Globalization;
using Dapper;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Connections;
using Pbr.TestKit;
using Pbr.TestKit.Faults;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// The real <c>pbr import</c> and <c>pbr settle</c> through a <see cref="FaultProxy"/> that drops their
/// connection during the COPY or right after the COMMIT is sent (RELIABILITY tests 4 and 14). Each
/// command must retry, exit 0, and leave the ledger as an uninterrupted run of the same inputs leaves
/// a separate reference database.
/// </summary>
[Category("Faults")]
[NonParallelizable]
public sealed class ProxyFaultTests : DatabaseFixture
{
    private const int Participants = 2_000;
    private TestDatabase _reference = null!;
    private FaultProxy _proxy = null!;
    private string _data = null!;

    private string ParticipantsCsv => Path.Combine(_data, "participants.csv");

    private string EvidenceCsv => Path.Combine(_data, "evidence.csv");

    [OneTimeSetUp]
    public async Task LoadAsync()
    {
        _reference = await TestDatabase.CreateAsync();
        _proxy = FaultProxy.Start(Database);
        _data = Directory.CreateTempSubdirectory("pbr-proxy-").FullName;
        await Ledgers.Expect(Database, "generate", "--participants", Participants.ToString(CultureInfo.InvariantCulture), "--seed", "23", "--out", _data);
        await Ledgers.Expect(Database, "tariff", "publish", RepositoryFiles.WorkProgrammeTariff);
        await Ledgers.Expect(_reference, "tariff", "publish", RepositoryFiles.WorkProgrammeTariff);
        await Ledgers.Expect(_reference, "import", "participants", ParticipantsCsv);
        await Ledgers.Expect(_reference, "import", "evidence", EvidenceCsv);
    }

    [OneTimeTearDown]
    public async Task CleanUpAsync()
    {
        await _proxy.DisposeAsync();
        await _reference.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [TearDown]
    public void Disarm() => _proxy.Disarm();

    [Test]
    [Order(1)]
    public async Task Import_DroppedDuringCopyOrAfterCommit_RetriedAndEveryRowLoadedOnce()
    {
        var copy = _proxy.Arm(Fault.DropDuringCopy(afterBytes: 64 * 1024));
        var participants = await ThroughProxyAsync("import", "participants", ParticipantsCsv);
        var commit = _proxy.Arm(Fault.DropAfterCommit(after: "INSERT INTO imports"));
        var evidence = await ThroughProxyAsync("import", "evidence", EvidenceCsv);
        var again = await ThroughProxyAsync("import", "evidence", EvidenceCsv);

        Assert.That((copy.Fired, commit.Fired), Is.EqualTo((1, 1)), "both faults fired");
        Assert.That(new[] { participants, evidence, again }.Select(r => r.ExitCode), Has.All.Zero, $"{participants}\n{evidence}\n{again}");
        Assert.That(participants.StandardOutput, Does.Contain("Loaded "), "the retried COPY loaded the file");
        Assert.That(again.StandardOutput, Does.Contain("Nothing changed"));
        await TestContext.Out.WriteLineAsync($"evidence import after the lost commit said: {evidence.StandardOutput.Trim()}");
        foreach (var table in new[] { "participants", "evidence_versions" })
        {
            Assert.That(await CountAsync(Database, table), Is.EqualTo(await CountAsync(_reference, table)).And.GreaterThan(Participants - 1), table);
        }

        Assert.That(await CountAsync(Database, "imports"), Is.EqualTo(2), "one import per file, none twice");
    }

    [Test]
    [Order(2)]
    public async Task Settle_DroppedDuringCopy_RetriedAndPostedExactlyOnce()
    {
        var fault = _proxy.Arm(Fault.DropDuringCopy(afterBytes: 64 * 1024));

        var result = await SettleBothAsync("2012-03-31");

        Assert.That(fault.Fired, Is.EqualTo(1), "the COPY of the run's lines was cut");
        Assert.That(result.StandardOutput, Does.Contain("Posted "), "the retry posted the run");
    }

    [Test]
    [Order(3)]
    public async Task Settle_DroppedRightAfterCommitSent_RetryFindsTheRunAndPostsNothingMore()
    {
        var fault = _proxy.Arm(Fault.DropAfterCommit(after: "INSERT INTO runs"));

        var result = await SettleBothAsync("2012-09-30");

        Assert.That(fault.Fired, Is.EqualTo(1), "the commit's answer was lost");
        Assert.That(result.StandardOutput, Does.Contain("Already committed by an earlier attempt"), "the retry found the run by its key");
    }

    /// <summary>Settles the reference directly and the test database through the armed proxy, then compares them.</summary>
    private async Task<CliResult> SettleBothAsync(string asOf)
    {
        Assert.That(await CountAsync(Database, "participants"), Is.GreaterThan(0), "the import test ran first");
        await Ledgers.Expect(_reference, "settle", "--as-of", asOf);

        var result = await ThroughProxyAsync("settle", "--as-of", asOf);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        await using var connection = await Database.OpenAsync();
        var twice = await connection.QueryAsync<string>("SELECT contract_id FROM runs GROUP BY contract_id, as_of HAVING count(*) > 1");
        Assert.That(twice, Is.Empty, "no contract settled twice for one as-of date");
        var partial = await connection.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM runs r
            WHERE r.line_count <> (SELECT count(*) FROM ledger_lines l WHERE l.contract_id = r.contract_id AND l.run_id = r.run_id)
            """);
        Assert.That(partial, Is.Zero, "no run header without all its lines");
        Assert.That(await CountAsync(Database, "runs"), Is.EqualTo(await CountAsync(_reference, "runs")));
        Assert.That(await Ledgers.BalancesAsync(Database), Is.EqualTo(await Ledgers.BalancesAsync(_reference)), "balances per key equal the uninterrupted reference's");
        var report = await new LedgerVerifier(Database.DataSource).VerifyAsync();
        Assert.That(report.Findings.Select(f => f.ToString()), Is.Empty, "the ledger verifies");
        return result;
    }

    private Task<CliResult> ThroughProxyAsync(params string[] arguments) =>
        PbrCli.RunAsync(new Dictionary<string, string?> { [PbrEnvironment.DatabaseUrlVariable] = _proxy.Url(Database.Settings) }, arguments);

    private static async Task<long> CountAsync(TestDatabase database, string table)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }
}
