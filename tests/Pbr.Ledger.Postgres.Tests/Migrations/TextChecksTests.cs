using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>
/// 0007 replaced the ledger's regular-expression checks on ids and hashes with cheaper ones, and 0009
/// moved them from characters to bytes; they must accept and refuse exactly what the patterns did.
/// 0009, 0010 and 0011 store the hashes as their 32 bytes: a length test is then the whole rule.
/// </summary>
public sealed class TextChecksTests : DatabaseFixture
{
    private static readonly byte[] Hash = new byte[32];

    [TestCase("P1", true)]
    [TestCase("a_b-C9", true)]
    [TestCase("x", true)]
    [TestCase("", false)]
    [TestCase("P 1", false)]
    [TestCase("P1;", false)]
    [TestCase("P1'--", false)]
    [TestCase("é", false)]
    [TestCase("P\n1", false)]
    public async Task ParticipantId_SameRuleAsThePattern(string id, bool accepted)
    {
        Assert.That(await AcceptsAsync("participant_id", id, Hash), Is.EqualTo(accepted));
        Assert.That(Pattern("^[A-Za-z0-9_-]{1,64}$", id), Is.EqualTo(accepted), "the pattern 0003 had");
    }

    [TestCase(64, true)]
    [TestCase(65, false)]
    public async Task ParticipantId_AtMost64Characters(int length, bool accepted) =>
        Assert.That(await AcceptsAsync("participant_id", new string('p', length), Hash), Is.EqualTo(accepted));

    private const string IdPattern = "^[A-Za-z0-9_-]{1,64}$";

    private static readonly string[] Texts =
    [
        "P1", "a_b-C9", "x", "", "P 1", "P1;", "P1'--", "é", "P\n1", "P\t", "Ω1", "P1\u00a0", "😀", "_", "-",
        new('p', 64), new('p', 65), new('a', 64), new('A', 64), new('a', 63), new('a', 65),
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdé",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd f",
    ];

    /// <summary>
    /// Every id and hash check of the bulk tables, evaluated by the server as stored in the catalog
    /// (the constraint's own expression over one value), against the pattern it replaced.
    /// </summary>
    [TestCase("participants", "participant_id", IdPattern)]
    [TestCase("evidence_versions", "evidence_id", IdPattern)]
    public async Task StoredCheck_SameRuleAsThePattern(string table, string column, string pattern)
    {
        await using var connection = await Database.OpenAsync();
        var expression = await connection.ExecuteScalarAsync<string>(
            "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conrelid = @table::regclass AND conname = @name",
            new { table, name = $"{table}_{column}_check" });
        Assert.That(expression, Does.Contain(column));
        foreach (var text in Texts)
        {
            // The expression names the column; a one-row subquery gives the column the value to test.
            var accepted = await connection.ExecuteScalarAsync<bool>($"SELECT ({expression}) FROM (SELECT @text::text AS {column}) AS candidate", new { text });
            Assert.That(accepted, Is.EqualTo(Pattern(pattern, text)), $"{table}.{column}: '{text}'");
        }
    }

    [TestCase("ledger_lines", "line_hash", 32, true)]
    [TestCase("ledger_lines", "line_hash", 31, false)]
    [TestCase("ledger_lines", "line_hash", 33, false)]
    [TestCase("ledger_lines", "line_hash", 0, false)]
    [TestCase("ledger_lines", "tariff_sha256", 32, true)]
    [TestCase("ledger_lines", "tariff_sha256", 64, false)]
    [TestCase("participants", "content_sha256", 32, true)]
    [TestCase("participants", "content_sha256", 31, false)]
    [TestCase("participants", "content_sha256", 64, false)]
    [TestCase("evidence_versions", "content_sha256", 32, true)]
    [TestCase("evidence_versions", "content_sha256", 33, false)]
    [TestCase("evidence_versions", "content_sha256", 0, false)]
    public async Task StoredHash_IsThe32BytesOfASha256(string table, string column, int length, bool accepted)
    {
        await using var connection = await Database.OpenAsync();
        var expression = await connection.ExecuteScalarAsync<string>(
            "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conrelid = @table::regclass AND conname = @name",
            new { table, name = $"{table}_{column}_check" });
        var type = await connection.ExecuteScalarAsync<string>(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = @table::regclass AND attname = @column", new { table, column });
        var result = await connection.ExecuteScalarAsync<bool>($"SELECT ({expression}) FROM (SELECT @bytes::bytea AS {column}) AS candidate", new { bytes = new byte[length] });

        Assert.That((type, result), Is.EqualTo(("bytea", accepted)));
    }

    private static bool Pattern(string pattern, string text) => System.Text.RegularExpressions.Regex.IsMatch(text, pattern.Replace("$", @"\z", StringComparison.Ordinal));

    private async Task<bool> AcceptsAsync(string column, string id, byte[] hash)
    {
        // Each attempt in a transaction that is rolled back: the participants table is append-only.
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var import = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO imports (kind, file_name, file_sha256, row_count, inserted_count, existing_count, rejected_count) VALUES ('participants', 'p.csv', @fileHash, 1, 1, 0, 0) RETURNING import_id",
            new { fileHash = new string('a', 64) }, transaction);
        try
        {
            await connection.ExecuteAsync(
                "INSERT INTO participants (contract_id, participant_id, start_date, attributes, content_sha256, import_id) VALUES ('C1', @id, '2024-01-01', '{}', @hash, @import)",
                new { id, hash, import }, transaction);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            Assert.That(e.ConstraintName, Is.EqualTo($"participants_{column}_check"));
            return false;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
