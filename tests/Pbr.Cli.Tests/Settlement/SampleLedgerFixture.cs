using Dapper;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Settlement;

/// <summary>A fresh database per fixture with the Work Programme sample published and, unless asked otherwise, imported through the CLI.</summary>
public abstract class SampleLedgerFixture : DatabaseFixture
{
    protected virtual bool ImportSample => true;

    protected static string Sample(string file) => Path.Combine(Repository.Root, "samples", "work-programme", file);

    [OneTimeSetUp]
    public async Task PublishAndImportAsync()
    {
        await Expect(0, "tariff", "publish", Sample("work-programme.pbr"));
        if (ImportSample)
        {
            await Expect(0, "import", "participants", Sample("participants.csv"));
            await Expect(0, "import", "evidence", Sample("evidence.csv"));
        }
    }

    protected Task<CliResult> Pbr(params string[] arguments) => PbrCli.RunAsync(Database, arguments);

    protected async Task<CliResult> Expect(int exitCode, params string[] arguments)
    {
        var result = await Pbr(arguments);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), $"pbr {string.Join(' ', arguments)}: {result}");
        return result;
    }

    protected async Task<long> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    protected static string TempFile(string name) =>
        Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}-{name}");
}
