using System.Text;
using Dapper;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// Issue 8, item 6: hostile values (quotes, <c>;</c>, <c>--</c>, very long strings, odd Unicode) in
/// ids, text, file names and tariffs, through the real <c>pbr tariff publish</c>, <c>import</c>,
/// <c>settle</c>, <c>statement</c> and <c>explain</c>. Each is either refused with a precise error or
/// stored byte for byte, and never executed: every table is still there, and the ledger verifies.
/// </summary>
[Category("Faults")]
public sealed class HostileValueTests : DatabaseFixture
{
    private const string Provider = "O'Brien & Sons'); DROP TABLE ledger_lines; --";

    // participant_id -> note (a text attribute): each stored exactly as written.
    private static readonly (string Id, string Note)[] Notes =
    [
        ("H1", "'; DROP TABLE ledger_lines; --"),
        ("H2", "Robert'); DELETE FROM runs; --"),
        ("H3", "\"quoted\", back\\slash, $$dollar$$ quoting, %s {0} ${x} :name @p1 $1"),
        ("H4", string.Concat(Enumerable.Repeat("';--\";", 1000 / 6)) + "end"),
        ("H5", "Zoë \U0001F642 \u202Eevil\u202C \u200B zero-width, tab\tand CR\rLF\nin one"),
        ("H6", "E'\\x27'; SELECT pg_sleep(30); --"),
    ];

    private string _folder = null!;

    [OneTimeSetUp]
    public async Task PublishTheHostileTariffAsync()
    {
        _folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "hostile-" + Database.Name);
        Directory.CreateDirectory(_folder);
        var tariff = Path.Combine(_folder, "hostile.pbr");
        await File.WriteAllTextAsync(tariff, $$"""
            pbr 1

            scheme hostile
              rounding half_away_from_zero
              attribute note: text
              outcome attachment
                due on start
                pay £100.00
              end
            end

            contract "H-1"
              scheme hostile
              provider "{{Provider}}"
              starts 2011-06-01
              ends 2016-03-31
              discount 0%
            end

            """);
        await ExpectAsync(0, "tariff", "publish", tariff);
    }

    [Test, Order(1)]
    public async Task Publish_ContractIdWithSqlInIt_RefusedWithItsPlace()
    {
        var file = Path.Combine(_folder, "hostile-id.pbr");
        await File.WriteAllTextAsync(file, "pbr 1\ncontract \"H'; DROP TABLE runs; --\"\n  scheme hostile\n  provider \"x\"\n  starts 2011-06-01\n  ends 2016-03-31\n  discount 0%\nend\n");

        var result = await ExpectAsync(2, "tariff", "publish", file);

        Assert.That(result.StandardError + result.StandardOutput, Does.Contain("hostile-id.pbr(2,10): error PBR4010: 'H'; DROP TABLE runs; --' is not a contract id"));
        await AssertEveryTableStandsAsync();
    }

    [Test, Order(2)]
    public async Task Import_HostileParticipantIds_PreciseErrorsAndNothingLoaded()
    {
        var file = Path.Combine(_folder, "ids.csv");
        await File.WriteAllTextAsync(file, "participant_id,contract_id,start_date,note\n"
            + "\"P1'; DROP TABLE ledger_lines; --\",H-1,2012-01-10,x\n"
            + "\"\"\"\",H-1,2012-01-10,x\n"
            + new string('P', 10_000) + ",H-1,2012-01-10,x\n"
            + "P4,H-1,2012-01-10,x\n");

        var result = await ExpectAsync(2, "import", "participants", file);

        Assert.That(result.StandardError, Does.Contain($"{file}(2,1): error PBR5010: participant_id:"));
        Assert.That(result.StandardError, Does.Contain($"{file}(3,1): error PBR5010: participant_id:"));
        Assert.That(result.StandardError, Does.Contain($"{file}(4,1): error PBR5008: participant_id is 10,000 characters long; at most 1,000 are accepted"));
        Assert.That(result.StandardError, Does.Not.Contain(new string('P', 41)), "a long value is never echoed whole");
        Assert.That(await ScalarAsync("SELECT count(*) FROM participants"), Is.Zero);
        await AssertEveryTableStandsAsync();
    }

    [Test, Order(3)]
    public async Task Import_NulInsideAText_RefusedOrStoredExactly()
    {
        var file = Path.Combine(_folder, "nul.csv");
        await File.WriteAllTextAsync(file, "participant_id,contract_id,start_date,note\nN1,H-1,2012-01-10,a\0b\n");

        var result = await PbrCli.RunAsync(Database, "import", "participants", file);

        // PostgreSQL text cannot hold NUL, so storing it exactly is impossible: it must be a clear refusal.
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"{file}(2,4): error PBR5017: note holds a NUL character (U+0000), which no value may contain"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM participants"), Is.Zero);
    }

    [Test, Order(4)]
    public async Task ImportSettleStatementExplain_HostileTextAndFileName_StoredByteForByteNeverExecuted()
    {
        var file = Path.Combine(_folder, "notes'; DROP TABLE imports; --.csv");
        var csv = new StringBuilder("participant_id,contract_id,start_date,note\n");
        foreach (var (id, note) in Notes)
        {
            csv.Append(id).Append(",H-1,2012-01-10,\"").Append(note.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\n");
        }

        await File.WriteAllTextAsync(file, csv.ToString());

        await ExpectAsync(0, "import", "participants", file);
        await ExpectAsync(0, "settle", "--as-of", "2012-12-31");
        var statement = await ExpectAsync(0, "statement", "--run", "latest", "--format", "csv");
        var explain = await ExpectAsync(0, "explain", "--contract", "H-1", "--participant", "H1", "--as-of", "2012-12-31");
        await ExpectAsync(0, "verify");

        await using var connection = await Database.OpenAsync();
        var stored = (await connection.QueryAsync<(string Id, string Note)>("SELECT participant_id, attributes->>'note' FROM participants ORDER BY participant_id")).ToList();
        Assert.That(stored, Is.EqualTo(Notes.OrderBy(n => n.Id, StringComparer.Ordinal).ToList()), "every note exactly as written");
        Assert.That(await connection.QuerySingleAsync<string>("SELECT file_name FROM imports"), Is.EqualTo("notes'; DROP TABLE imports; --.csv"));
        Assert.That(await connection.QueryAsync<string>("SELECT DISTINCT provider_id FROM ledger_lines"), Is.EqualTo(new[] { Provider }));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM ledger_lines"), Is.EqualTo(Notes.Length), "one £100 attachment line each");
        Assert.That(statement.StandardOutput, Does.Contain("H1").And.Contain("H6"));
        Assert.That(explain.StandardOutput, Does.Contain("H1"));
        await AssertEveryTableStandsAsync();
    }

    private async Task AssertEveryTableStandsAsync()
    {
        await using var connection = await Database.OpenAsync();
        var tables = await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
        Assert.That(tables, Is.SupersetOf(new[] { "contracts", "evidence_versions", "imports", "ledger_lines", "participants", "pbr_schema_migrations", "runs", "tariff_sources", "tariff_versions" }));
        Assert.That(await connection.QuerySingleAsync<bool>("SELECT pg_try_advisory_lock(1) AND pg_advisory_unlock(1)"), Is.True, "the server still answers");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<CliResult> ExpectAsync(int exitCode, params string[] arguments)
    {
        var result = await PbrCli.RunAsync(Database, arguments);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), $"pbr {string.Join(' ', arguments)}: {result}");
        return result;
    }
}
