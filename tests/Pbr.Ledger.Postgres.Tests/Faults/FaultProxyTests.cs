using Dapper;
using Npgsql;
using Pbr.TestKit;
using Pbr.TestKit.Faults;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>The fault-injecting proxy itself: it forwards faithfully, and a fault fires exactly as often as it was armed.</summary>
[Category("Faults")]
public sealed class FaultProxyTests : DatabaseFixture
{
    private FaultProxy _proxy = null!;

    [OneTimeSetUp]
    public void StartProxy() => _proxy = FaultProxy.Start(Database);

    [OneTimeTearDown]
    public async Task StopProxyAsync() => await _proxy.DisposeAsync();

    [TearDown]
    public void Disarm() => _proxy.Disarm();

    [Test]
    public async Task Proxy_NoFault_ForwardsQueriesAndCopyByteForByte()
    {
        // SSL left at Npgsql's default (Prefer): the proxy answers the SSL request itself.
        var settings = _proxy.Redirect(Database.Settings);
        settings.SslMode = SslMode.Prefer;
        settings.Pooling = false;
        var drops = _proxy.Drops;
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var payload = new byte[300_000];
        new Random(8).NextBytes(payload);

        var echoed = await connection.ExecuteScalarAsync<byte[]>("SELECT @payload::bytea", new { payload });
        await connection.ExecuteAsync("CREATE TEMP TABLE copied (n integer, b bytea)");
        await using (var importer = await connection.BeginBinaryImportAsync("COPY copied (n, b) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < 200; n++)
            {
                await importer.WriteRowAsync(default, n, payload[(n * 1000)..((n + 1) * 1000)]);
            }

            await importer.CompleteAsync();
        }

        var copied = (await connection.QueryAsync<byte[]>("SELECT b FROM copied ORDER BY n")).SelectMany(b => b).ToArray();

        Assert.That(echoed, Is.EqualTo(payload));
        Assert.That(copied, Is.EqualTo(payload[..200_000]));
        Assert.That(_proxy.Drops, Is.EqualTo(drops));
    }

    [Test]
    public async Task Arm_Once_FiresOnceThenForwardsAgain()
    {
        var fault = _proxy.Arm(Fault.DropDuringStatement("pbr_probe_once", TimeSpan.Zero));
        await using var source = NpgsqlDataSource.Create(_proxy.ConnectionString(Database.Settings));
        var drops = _proxy.Drops;

        var first = Assert.ThrowsAsync<NpgsqlException>(async () => await QueryAsync(source, "SELECT 'pbr_probe_once'"));
        var second = await QueryAsync(source, "SELECT 'pbr_probe_once'");

        Assert.That(first!.IsTransient, Is.True, "a dropped connection is a transient fault: " + first);
        Assert.That(second, Is.EqualTo("pbr_probe_once"));
        Assert.That((fault.Fired, _proxy.Drops - drops), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Arm_QuickStatementDroppedAfterADelay_TheClientNeverHearsItsAnswer()
    {
        // The server answers within a millisecond, long before the drop: the answer must still be lost, or the
        // client would see a success and never the fault (what made Arm_Once flaky when the delay was zero).
        var fault = _proxy.Arm(Fault.DropDuringStatement("pbr_probe_quick", TimeSpan.FromMilliseconds(300)));
        await using var source = NpgsqlDataSource.Create(_proxy.ConnectionString(Database.Settings));

        var failed = Assert.ThrowsAsync<NpgsqlException>(async () => await QueryAsync(source, "SELECT 'pbr_probe_quick'"));

        Assert.That(failed!.IsTransient, Is.True, "a dropped connection is a transient fault: " + failed);
        Assert.That(fault.Fired, Is.EqualTo(1));
    }

    [Test]
    public async Task Arm_Twice_FiresTwiceOnly()
    {
        var fault = _proxy.Arm(Fault.DropDuringStatement("pbr_probe_twice", TimeSpan.Zero, times: 2));
        await using var source = NpgsqlDataSource.Create(_proxy.ConnectionString(Database.Settings));

        var failures = 0;
        for (var i = 0; i < 4; i++)
        {
            try
            {
                await QueryAsync(source, "SELECT 'pbr_probe_twice'");
            }
            catch (NpgsqlException)
            {
                failures++;
            }
        }

        Assert.That((failures, fault.Fired), Is.EqualTo((2, 2)));
    }

    [Test]
    public async Task DropAfterCommit_CommitReachesTheServerButTheClientNeverHears()
    {
        // "ON COMMIT DELETE ROWS" is not a COMMIT; the COMMIT itself is, and it takes effect though the client sees a failure.
        var fault = _proxy.Arm(Fault.DropAfterCommit(after: "pbr_probe_commit"));
        await using var source = NpgsqlDataSource.Create(_proxy.ConnectionString(Database.Settings));
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("CREATE TEMP TABLE scratch (n integer) ON COMMIT DELETE ROWS", transaction: transaction);
        await connection.ExecuteAsync("CREATE TABLE pbr_probe_commit (n integer)", transaction: transaction);

        Assert.That(fault.Fired, Is.Zero, "nothing fires before the COMMIT");
        Assert.ThrowsAsync<NpgsqlException>(async () => await transaction.CommitAsync());
        await using var direct = await Database.OpenAsync();
        var committed = await WaitForAsync(async () => await direct.ExecuteScalarAsync<bool>("SELECT to_regclass('pbr_probe_commit') IS NOT NULL"));

        Assert.That(fault.Fired, Is.EqualTo(1));
        Assert.That(committed, Is.True, "the COMMIT reached the server before the drop");
    }

    [Test]
    public async Task Proxy_ServerEndsTheSession_TheClientSeesItAtOnce()
    {
        // The proxy must pass a server-side close on, or the client would wait for an answer forever.
        await using var source = NpgsqlDataSource.Create(_proxy.ConnectionString(Database.Settings));
        await using var connection = await source.OpenConnectionAsync();
        await using var admin = await Database.OpenAsync();
        await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = connection.ProcessID });

        var failed = Assert.CatchAsync<NpgsqlException>(async () => await connection.ExecuteScalarAsync<int>("SELECT 1"));

        Assert.That(failed, Is.Not.Null);
    }

    private static async Task<string?> QueryAsync(NpgsqlDataSource source, string sql)
    {
        await using var connection = await source.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>(sql);
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        // The server commits a moment after the proxy drops the client: poll briefly rather than sleep.
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
