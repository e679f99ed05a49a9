using System.Globalization;
using Dapper;
using Pbr.Engine.Generation;
using Pbr.TestKit;

namespace Pbr.Benchmarks.Tests;

/// <summary>
/// tests/perf/baseline.sql is the analyst's set-based SQL that e2e.sh times against the settle and
/// whose total it compares with the ledger's. Here the same comparison runs on a small N in every
/// test run: the generated participants are published, imported and settled with <c>pbr</c>, then
/// the SQL file itself, unchanged, runs over the imported tables.
/// </summary>
public sealed class SqlBaselineTests : DatabaseFixture
{
    // The last statement of baseline.sql; the per-participant test puts a GROUP BY in its place.
    private const string TotalStatement = "SELECT coalesce(sum(amount_pence), 0)::bigint AS total_pence FROM amounts;";
    private const string PerParticipantStatement =
        "SELECT contract_id, participant_id, sum(amount_pence)::bigint AS pence FROM amounts GROUP BY contract_id, participant_id;";

    private static readonly string AsOf = WorkProgrammeData.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string _baseline = string.Empty;

    [OneTimeSetUp]
    public async Task SettleGeneratedParticipantsAsync()
    {
        _baseline = PsqlVariables.Substitute(
            await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "tests", "perf", "baseline.sql")),
            new Dictionary<string, string> { ["as_of"] = AsOf, ["known_at"] = AsOf });

        var data = Directory.CreateTempSubdirectory("pbr-baseline-").FullName;
        try
        {
            var participants = Path.Combine(data, "participants.csv");
            var evidence = Path.Combine(data, "evidence.csv");
            await using (var people = File.CreateText(participants))
            await using (var versions = File.CreateText(evidence))
            {
                WorkProgrammeGenerator.Generate(EquivalenceTests.Participants, EquivalenceTests.Seed, people, versions);
            }

            await ExpectAsync("tariff", "publish", RepositoryFiles.WorkProgrammeTariff);
            await ExpectAsync("import", "participants", participants);
            await ExpectAsync("import", "evidence", evidence);
            await ExpectAsync("settle", "--as-of", AsOf, "--known-at", AsOf);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task Baseline_SettledGeneratedParticipants_TotalEqualsLedgerTotal()
    {
        await using var connection = await Database.OpenAsync();
        var ledger = await connection.ExecuteScalarAsync<long>("SELECT coalesce(sum(amount_pence), 0)::bigint FROM ledger_lines");
        var baseline = await connection.ExecuteScalarAsync<long>(_baseline);

        Assert.That(ledger, Is.GreaterThan(0), "the settle posted nothing");
        Assert.That(baseline, Is.EqualTo(ledger));
    }

    [Test]
    public async Task Baseline_SettledGeneratedParticipants_EveryParticipantEqualsLedger()
    {
        Assert.That(_baseline, Does.EndWith(TotalStatement + "\n"), "baseline.sql must end with the sum over amounts");
        await using var connection = await Database.OpenAsync();
        var ledger = await AmountsAsync(connection, """
            SELECT contract_id, participant_id, sum(amount_pence)::bigint AS pence
            FROM ledger_lines GROUP BY contract_id, participant_id
            """);
        var baseline = await AmountsAsync(connection, _baseline.Replace(TotalStatement, PerParticipantStatement, StringComparison.Ordinal));

        // A participant the tariff pays nothing (a start after the attachment taper ends, no job) has
        // no ledger lines but a zero row in the SQL: compare what is owed, not rows.
        var keys = ledger.Keys.Union(baseline.Keys).Where(k => ledger.GetValueOrDefault(k) != 0 || baseline.GetValueOrDefault(k) != 0).ToList();
        var differences = keys
            .Where(k => ledger.GetValueOrDefault(k) != baseline.GetValueOrDefault(k))
            .Select(k => $"{k.Contract}/{k.Participant}: ledger {ledger.GetValueOrDefault(k)}p, SQL {baseline.GetValueOrDefault(k)}p")
            .ToList();
        Assert.That(keys, Has.Count.GreaterThan(EquivalenceTests.Participants / 2), "most participants are owed something");
        Assert.That(differences, Is.Empty, $"{differences.Count} of {keys.Count} participants differ");
    }

    private static async Task<Dictionary<(string Contract, string Participant), long>> AmountsAsync(Npgsql.NpgsqlConnection connection, string sql)
    {
        var rows = await connection.QueryAsync<(string Contract, string Participant, long Pence)>(sql);
        return rows.ToDictionary(r => (r.Contract, r.Participant), r => r.Pence);
    }

    private async Task ExpectAsync(params string[] arguments)
    {
        var result = await PbrCli.RunAsync(Database, arguments);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }
}
