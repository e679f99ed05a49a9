using Pbr.TestKit;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>
/// RELIABILITY 22, "every SQL statement parameterised", checked on the source itself: no SQL text in
/// src/ is built from a value, except the few places listed here with the reason they are safe.
/// </summary>
[Category("Faults")]
public sealed class SqlParameterisationTests
{
    // (file, hole): DDL takes no parameters, so these names are written into the text, after a check.
    private static readonly (string File, string What, string Why)[] Allowed =
    [
        ("src/Pbr.Ledger.Postgres/Connections/DatabaseAdmin.cs", "{name}", "CREATE/DROP DATABASE take no parameters; Maintenance() refuses any name but ^[A-Za-z_][A-Za-z0-9_]{0,62}$ first"),
    ];

    [Test]
    public void Source_SqlBuiltFromValues_OnlyTheListedSafePlaces()
    {
        var root = RepositoryFiles.Root;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToList();

        var sqlLiterals = 0;
        var found = new List<(string File, int Line, string What)>();
        foreach (var file in files)
        {
            found.AddRange(SqlTextScan.Scan(File.ReadAllText(file), out var literals).Select(s => (Path.GetRelativePath(root, file), s.Line, s.What)));
            sqlLiterals += literals;
        }

        TestContext.Out.WriteLine($"{files.Count} files, {sqlLiterals} string literals holding SQL");

        Assert.That(files, Has.Count.GreaterThan(100), "the scan reads the whole of src/");
        Assert.That(sqlLiterals, Is.GreaterThanOrEqualTo(50), "the scan sees the SQL the ledger sends (53 literals on 2026-11-25, by an independent count)");
        Assert.That(found.Where(f => !Allowed.Any(a => a.File == f.File && a.What == f.What)).Select(f => $"{f.File}({f.Line}): {f.What}"), Is.Empty);
        Assert.That(Allowed.Where(a => !found.Any(f => f.File == a.File && f.What == a.What)).Select(a => a.File + " " + a.What), Is.Empty, "an allowance no longer needed");
    }

    [TestCase("var sql = $\"SELECT * FROM runs WHERE contract_id = '{contract}'\";", "{contract}")]
    [TestCase("var sql = $@\"DELETE FROM runs\nWHERE run_id = {id}\";", "{id}")]
    [TestCase("var sql = $\"\"\"\n    SELECT amount_pence\n    FROM ledger_lines WHERE participant_id = '{p.Id}'\n    \"\"\";", "{p.Id}")]
    [TestCase("var sql = $\"UPDATE x SET note = '{string.Join(\", \", notes)}'\";", "{string.Join(\", \", notes)}")]
    [TestCase("var sql = \"SELECT * FROM runs WHERE id = \" + id;", "string concatenation with +")]
    [TestCase("var sql = prefix + \"INSERT INTO runs VALUES (1)\";", "string concatenation with +")]
    public void Scan_ValueWrittenIntoSql_Found(string code, string what)
    {
        Assert.That(SqlTextScan.Scan(code).Select(f => f.What), Does.Contain(what));
    }

    [TestCase("private const string Table = \"runs\";\nvar sql = $\"SELECT * FROM {Table} WHERE id = @id\";")]
    [TestCase("var text = $\"{count} rows selected\";")]
    [TestCase("var sql = \"SELECT * FROM runs WHERE id = @id\";")]
    [TestCase("// $\"SELECT {x}\" in a comment\nvar c = '\"';")]
    public void Scan_ConstantsParametersAndPlainText_NothingFound(string code)
    {
        Assert.That(SqlTextScan.Scan(code), Is.Empty);
    }
}
