using Dapper;
using Npgsql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>
/// 0007 replaced the ledger's regular-expression checks on ids and hashes with cheaper ones; they must
/// accept and refuse exactly what the patterns did.
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
