namespace Pbr.Cli.Tests.Settlement;

/// <summary><c>pbr tariff publish</c> and <c>pbr demo</c> end to end.</summary>
public sealed class TariffAndDemoCommandTests : SampleLedgerFixture
{
    protected override bool ImportSample => false;

    [Test]
    public async Task Publish_SameSourceAgain_IsANoOp()
    {
        var result = await Expect(0, "tariff", "publish", Sample("work-programme.pbr"));

        Assert.That(result.StandardOutput, Does.Contain("Nothing changed: these sources are already the versions in force."));
    }

    [Test]
    public async Task Publish_SourceWithErrors_ExitsTwoAndStoresNothing()
    {
        var file = TempFile("broken.pbr");
        await File.WriteAllTextAsync(file, "scheme broken\n  this is not a tariff\n");
        var before = await ScalarAsync("SELECT count(*) FROM tariff_sources");

        var result = await Expect(2, "tariff", "publish", file);

        Assert.That(result.StandardError, Does.Contain("error PBR").And.Contain("nothing was published"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM tariff_sources"), Is.EqualTo(before));
    }

    [Test]
    public async Task Demo_RunTwice_SecondPostsNothing()
    {
        var first = await Expect(0, "demo", "--samples", Path.Combine(Repository.Root, "samples"));
        var runs = await ScalarAsync("SELECT count(*) FROM runs");
        var lines = await ScalarAsync("SELECT count(*) FROM ledger_lines");

        var second = await Expect(0, "demo", "--samples", Path.Combine(Repository.Root, "samples"));

        Assert.That(first.StandardOutput, Does.Contain("WP-CPA1-ALPHA").And.Contain("The latest statement"));
        Assert.That(runs, Is.GreaterThan(0));
        Assert.That(second.StandardOutput, Does.Contain("already settled: nothing was posted"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM runs"), Is.EqualTo(runs));
        Assert.That(await ScalarAsync("SELECT count(*) FROM ledger_lines"), Is.EqualTo(lines));
    }
}
