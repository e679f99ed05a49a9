using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>
/// 0007 replaced the ledger's regular-expression checks on ids and hashes with cheaper ones, and 0009
/// moved them from characters to bytes; they must accept and refuse exactly what the patterns did.
/// </summary>
public sealed class TextChecksTests : DatabaseFixture
{
    private static readonly string Hash = new('a', 64);

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

    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [TestCase("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", false)]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefa", false)]
    [TestCase("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    public async Task ContentHash_SameRuleAsThePattern(string hash, bool accepted)
    {
        Assert.That(await AcceptsAsync("content_sha256", "P1", hash), Is.EqualTo(accepted));
        Assert.That(Pattern("^[0-9a-f]{64}$", hash), Is.EqualTo(accepted), "the pattern 0003 had");
    }

    private const string IdPattern = "^[A-Za-z0-9_-]{1,64}$";
    private const string HashPattern = "^[0-9a-f]{64}$";

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
    [TestCase("participants", "content_sha256", HashPattern)]
    [TestCase("evidence_versions", "evidence_id", IdPattern)]
    [TestCase("evidence_versions", "content_sha256", HashPattern)]
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

    [TestCase(32, true)]
    [TestCase(31, false)]
    [TestCase(33, false)]
    [TestCase(0, false)]
    public async Task LineHash_IsThe32BytesOfASha256(int length, bool accepted)
    {
        await using var connection = await Database.OpenAsync();
        var expression = await connection.ExecuteScalarAsync<string>(
            "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conrelid = 'ledger_lines'::regclass AND conname = 'ledger_lines_line_hash_check'");
        var type = await connection.ExecuteScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'ledger_lines'::regclass AND attname = 'line_hash'");
        var result = await connection.ExecuteScalarAsync<bool>($"SELECT ({expression}) FROM (SELECT @bytes::bytea AS line_hash) AS candidate", new { bytes = new byte[length] });

        Assert.That((type, result), Is.EqualTo(("bytea", accepted)));
    }

    private static bool Pattern(string pattern, string text) => System.Text.RegularExpressions.Regex.IsMatch(text, pattern.Replace("$", @"\z", StringComparison.Ordinal));

    private async Task<bool> AcceptsAsync(string column, string id, string hash)
    {
        // Each attempt in a transaction that is rolled back: the participants table is append-only.
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var import = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO imports (kind, file_name, file_sha256, row_count, inserted_count, existing_count, rejected_count) VALUES ('participants', 'p.csv', @hash, 1, 1, 0, 0) RETURNING import_id",
            new { hash = Hash }, transaction);
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
