using Pbr.Ledger.Postgres.Migrations;

namespace Pbr.Ledger.Postgres.Tests.Migrations;

public sealed class MigrationSetTests
{
    [Test]
    public void Checksum_Abc_IsTheSha256TestVector()
    {
        // FIPS 180-2 test vector: SHA-256("abc").
        Assert.That(Migration.Checksum("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    [Test]
    public void Checksum_CrLfLineEnds_SameAsLf()
    {
        Assert.That(Migration.Checksum("SELECT 1;\r\nSELECT 2;\r\n"), Is.EqualTo(Migration.Checksum("SELECT 1;\nSELECT 2;\n")));
    }

    [Test]
    public void Checksum_OneCharacterChanged_Differs()
    {
        Assert.That(Migration.Checksum("CREATE TABLE a (x integer);"), Is.Not.EqualTo(Migration.Checksum("CREATE TABLE a (x integer) ;")));
    }

    [TestCase("0001_roles.sql", 1)]
    [TestCase("0012_ledger_lines.sql", 12)]
    public void Create_GoodName_ReadsVersion(string name, int version)
    {
        var migration = Migration.Create(name, "SELECT 1;");

        Assert.That(migration.Success, Is.True, migration.Error);
        Assert.That(migration.Value.Version, Is.EqualTo(version));
    }

    [TestCase("roles.sql")]
    [TestCase("1_roles.sql")]
    [TestCase("0001-roles.sql")]
    [TestCase("0001_Roles.sql")]
    [TestCase("0001_roles.txt")]
    [TestCase("0000_zero.sql")]
    public void Create_BadName_FailsNamingIt(string name)
    {
        var migration = Migration.Create(name, "SELECT 1;");

        Assert.That(migration.Success, Is.False);
        Assert.That(migration.Error, Does.Contain(name));
    }

    [Test]
    public void FromTexts_TwoFilesWithOneNumber_FailsNamingBoth()
    {
        var set = MigrationSet.FromTexts([("0002_b.sql", "SELECT 2;"), ("0002_c.sql", "SELECT 3;")]);

        Assert.That(set.Success, Is.False);
        Assert.That(set.Error, Does.Contain("0002_b.sql").And.Contain("0002_c.sql"));
    }

    [Test]
    public void Embedded_BuiltIn_StartsWithRolesAndIsOrdered()
    {
        var set = MigrationSet.Embedded();

        Assert.That(set.Success, Is.True, set.Error);
        Assert.That(set.Value[0].Name, Is.EqualTo("0001_roles.sql"));
        Assert.That(set.Value.Select(m => m.Version), Is.Ordered.And.Unique);
    }
}
