using Pbr.Ledger.Postgres.Connections;
using Pbr.Ledger.Postgres.Embedded;

namespace Pbr.Ledger.Postgres.Tests.Embedded;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresBinariesTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("pbr-bin-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Find_NoFolderHasThePrograms_FailsNamingTheAptPackage()
    {
        var found = PostgresBinaries.Find([_root]);

        Assert.That(found.Success, Is.False);
        Assert.That(found.Error, Does.Contain("apt-get install postgresql").And.Contain("initdb"));
    }

    [Test]
    public void FromEnvironment_EmptySearchPath_FailsNamingTheAptPackage()
    {
        var environment = new PbrEnvironment(_root, null, _root, null, string.Empty, IsRoot: false);

        var cluster = EmbeddedCluster.FromEnvironment(environment, [_root]);

        Assert.That(cluster.Success, Is.False);
        Assert.That(cluster.Error, Does.Contain("apt-get install postgresql"));
    }

    [Test]
    public void Find_FirstFolderLacksOneProgram_TakesTheFirstCompleteFolder()
    {
        var partial = FakePrograms("partial", "initdb", "pg_ctl");
        var complete = FakePrograms("complete", "initdb", "pg_ctl", "postgres");
        var later = FakePrograms("later", "initdb", "pg_ctl", "postgres");

        var found = PostgresBinaries.Find([partial, complete, later]);

        Assert.That(found.Value.Directory, Is.EqualTo(complete));
        Assert.That(found.Value.PgCtl, Is.EqualTo(Path.Combine(complete, "pg_ctl")));
    }

    [Test]
    public void Find_ProgramNotExecutable_IsSkipped()
    {
        var folder = FakePrograms("noexec", "initdb", "pg_ctl", "postgres");
        File.SetUnixFileMode(Path.Combine(folder, "postgres"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.That(PostgresBinaries.Find([folder]).Success, Is.False);
    }

    [Test]
    public void VersionFolders_SeveralVersions_NewestFirstByNumberNotText()
    {
        foreach (var version in new[] { "9.6", "15", "16", "10", "not-a-version" })
        {
            Directory.CreateDirectory(Path.Combine(_root, version, "bin"));
        }

        var folders = PostgresBinaries.VersionFolders(_root).Select(f => Path.GetRelativePath(_root, f));

        // As text "9.6" would sort above "16"; as versions 16 > 15 > 10 > 9.6.
        Assert.That(folders, Is.EqualTo(new[] { "16/bin", "15/bin", "10/bin", "9.6/bin" }));
    }

    [Test]
    public void DefaultSearchFolders_PathEntries_ComeBeforeDebianFolders()
    {
        var folders = PostgresBinaries.DefaultSearchFolders("/opt/pg/bin:/usr/local/bin").ToList();

        Assert.That(folders.Take(2), Is.EqualTo(new[] { "/opt/pg/bin", "/usr/local/bin" }));
        Assert.That(folders.Skip(2), Is.All.StartWith(PostgresBinaries.DebianRoot + "/"));
    }

    [Test]
    public void BinarySearchFolders_PbrPgBinSet_IsTheOnlyFolder()
    {
        var environment = new PbrEnvironment(null, null, "/home/ann", null, "/usr/local/bin:/usr/bin", IsRoot: false, PostgresBin: "/opt/pg16/bin");

        Assert.That(environment.BinarySearchFolders(), Is.EqualTo(new[] { "/opt/pg16/bin" }));
    }

    private string FakePrograms(string name, params string[] programs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        foreach (var program in programs)
        {
            var path = Path.Combine(folder, program);
            File.WriteAllText(path, "#!/bin/sh\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }
}
