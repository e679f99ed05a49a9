using Pbr.Ledger.Postgres.Migrations;
using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

/// <summary>A ledger as an older release left it: the embedded migrations below a version, and a runner for the rest.</summary>
internal static class PartialMigration
{
    public static async Task<MigrationRunner> BelowAsync(TestDatabase database, int version)
    {
        var all = MigrationSet.Embedded();
        Assert.That(all.Success, Is.True, all.Error);
        var runner = new MigrationRunner(database.DataSource);
        var before = await runner.MigrateAsync([.. all.Value.Where(m => m.Version < version)]);
        Assert.That(before.Success, Is.True, before.Error);
        return runner;
    }
}
