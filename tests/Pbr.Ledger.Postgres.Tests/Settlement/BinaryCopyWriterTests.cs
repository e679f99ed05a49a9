using Dapper;
using NodaTime;
using Pbr.Ledger.Postgres.Sql;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>
/// The ledger's lines are written in PostgreSQL's binary COPY format by hand; the server must read back
/// every value exactly as given, at the edges of each type and across the writer's buffer.
/// </summary>
public sealed class BinaryCopyWriterTests : DatabaseFixture
{
    private const string CreateSql = """
        CREATE TEMP TABLE copied (n integer, t text, i integer, b bigint, d date, h bytea, a text[])
        """;

    [Test]
    public async Task Copy_EdgeValues_ReadBackAsWritten()
    {
        var rows = new (string? Text, int Int, long Big, LocalDate Date, byte[] Bytes, string[] Array)[]
        {
            ("plain", 0, 0, new LocalDate(2000, 1, 1), [], []),
            ("h\u00e9\u00a0llo \U0001F600", int.MinValue, long.MinValue, new LocalDate(1999, 12, 31), [0x00, 0xff], ["E1"]),
            (null, int.MaxValue, long.MaxValue, new LocalDate(1970, 1, 1), new byte[32], ["E1", "E\u00e92", ""]),
            ("", -1, -2150000, new LocalDate(2100, 12, 31), [1, 2, 3], ["x"]),
        };

        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync(CreateSql);
        await CopyAsync(connection, rows.Select((r, n) => (n, r)));

        var back = (await connection.QueryAsync<(int N, string? T, int I, long B, string D, byte[] H, string[] A)>(
            "SELECT n, t, i, b, d::text, h, a FROM copied ORDER BY n")).ToList();
        Assert.That(back.Select(r => (r.T, r.I, r.B, r.D)), Is.EqualTo(rows.Select(r => (r.Text, r.Int, r.Big, r.Date.ToString("yyyy-MM-dd", null)))));
        Assert.That(back.Select(r => r.H), Is.EqualTo(rows.Select(r => r.Bytes)));
        Assert.That(back.Select(r => r.A), Is.EqualTo(rows.Select(r => r.Array)));
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT array_dims(a) FROM copied WHERE n = 0"), Is.Null, "an empty array has no dimensions");
    }

    [Test]
    public async Task Copy_MoreRowsThanTheBufferHolds_EveryRowOnce()
    {
        // About 300 bytes a row: 5,000 rows fill the 64 KB buffer more than twenty times.
        var text = new string('x', 200);
        var rows = Enumerable.Range(0, 5000).Select(n => (n, (text + n, n, (long)n * 1000, new LocalDate(2013, 1, 1).PlusDays(n % 3000), new byte[32], new[] { $"E{n}" })));

        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync(CreateSql);
        await CopyAsync(connection, rows.Select(r => (r.n, ((string?)r.Item2.Item1, r.Item2.n, r.Item2.Item3, r.Item2.Item4, r.Item2.Item5, r.Item2.Item6))));

        var summary = await connection.QuerySingleAsync<(long Count, long Sum, long Wrong)>(
            "SELECT count(*), sum(b)::bigint, count(*) FILTER (WHERE t <> repeat('x', 200) || n OR a <> ARRAY['E' || n] OR d <> DATE '2013-01-01' + (n % 3000))::bigint FROM copied");
        Assert.That(summary, Is.EqualTo((5000L, 1000L * 4999 * 5000 / 2, 0L)));
    }

    [Test]
    public async Task Copy_WriterFailsHalfway_NothingLoadedAndItsErrorThrown()
    {
        // 3,000 rows of 300 bytes: some are already sent when the writer fails; none may be loaded.
        await using var connection = await Database.OpenAsync();
        await connection.ExecuteAsync(CreateSql);

        var error = Assert.ThrowsAsync<InvalidDataException>(() => BinaryCopyWriter.CopyAsync(connection, "COPY copied (n, t) FROM STDIN (FORMAT BINARY)", copy =>
        {
            for (var n = 0; n < 3000; n++)
            {
                copy.StartRow(2);
                copy.Integer(n);
                copy.Text(new string('y', 300));
            }

            throw new InvalidDataException("the writer failed");
        }, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("the writer failed"));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM copied"), Is.Zero, "the connection is usable and the COPY loaded nothing");
    }

    private static async Task CopyAsync(
        Npgsql.NpgsqlConnection connection, IEnumerable<(int N, (string? Text, int Int, long Big, LocalDate Date, byte[] Bytes, string[] Array) Row)> rows)
    {
        await BinaryCopyWriter.CopyAsync(connection, "COPY copied (n, t, i, b, d, h, a) FROM STDIN (FORMAT BINARY)", copy =>
        {
            foreach (var (n, row) in rows)
            {
                copy.StartRow(7);
                copy.Integer(n);
                if (row.Text is null)
                {
                    copy.Null();
                }
                else
                {
                    copy.Text(row.Text);
                }

                copy.Integer(row.Int);
                copy.BigInt(row.Big);
                copy.Date(row.Date);
                copy.Bytes(row.Bytes);
                copy.TextArray(row.Array);
            }
        }, CancellationToken.None);
    }
}
