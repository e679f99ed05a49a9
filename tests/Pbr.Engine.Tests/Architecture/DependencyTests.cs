using System.Reflection;
using System.Xml.Linq;

namespace Pbr.Engine.Tests.Architecture;

/// <summary>
/// Dependencies point inward only (Cli → Ledger.Postgres → Engine → Dsl → Core), and the database
/// libraries stay in Pbr.Ledger.Postgres. Checked twice: in the compiled assemblies (what really
/// runs) and in the project files (what the next build will compile).
/// </summary>
public sealed class DependencyTests
{
    private static readonly string[] DatabaseAssemblies = ["Npgsql", "Dapper"];

    // The Pbr projects each project may reference; anything else from Pbr.* points outward.
    private static readonly Dictionary<string, string[]> AllowedPbrReferences = new()
    {
        ["Pbr.Core"] = [],
        ["Pbr.Dsl"] = ["Pbr.Core"],
        ["Pbr.Engine"] = ["Pbr.Dsl", "Pbr.Core"],
        ["Pbr.Ledger.Postgres"] = ["Pbr.Engine", "Pbr.Dsl", "Pbr.Core"],
    };

    [TestCase("Pbr.Engine")]
    [TestCase("Pbr.Dsl")]
    [TestCase("Pbr.Core")]
    public void Assembly_ReferencesNeitherNpgsqlNorDapper_Recursively(string assemblyName)
    {
        var reached = ProjectClosure(assemblyName);
        var offending = reached
            .SelectMany(a => a.GetReferencedAssemblies().Select(r => (From: a.GetName().Name, To: r.Name)))
            .Where(e => DatabaseAssemblies.Any(db => e.To is not null && (e.To == db || e.To.StartsWith(db + ".", StringComparison.Ordinal))))
            .Select(e => $"{e.From} -> {e.To}")
            .ToList();

        Assert.That(reached.Select(a => a.GetName().Name), Does.Contain(assemblyName));
        Assert.That(offending, Is.Empty);
    }

    [TestCase("Pbr.Core")]
    [TestCase("Pbr.Dsl")]
    [TestCase("Pbr.Engine")]
    public void Assembly_ReferencesOnlyInnerProjects(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var pbrReferences = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(IsProjectAssembly)
            .ToList();

        Assert.That(pbrReferences, Is.SubsetOf(AllowedPbrReferences[assemblyName]));
    }

    [TestCase("Pbr.Core")]
    [TestCase("Pbr.Dsl")]
    [TestCase("Pbr.Engine")]
    [TestCase("Pbr.Ledger.Postgres")]
    public void ProjectFile_ReferencesOnlyInnerProjects(string project)
    {
        var file = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        var references = XDocument.Load(file)
            .Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        Assert.That(references, Is.SubsetOf(AllowedPbrReferences[project]));
    }

    [TestCase("Pbr.Core")]
    [TestCase("Pbr.Dsl")]
    [TestCase("Pbr.Engine")]
    public void ProjectFile_HasNoDatabasePackage(string project)
    {
        var file = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        var packages = XDocument.Load(file)
            .Descendants("PackageReference")
            .Select(e => e.Attribute("Include")!.Value)
            .ToList();

        Assert.That(packages.Where(p => DatabaseAssemblies.Any(db => p.StartsWith(db, StringComparison.OrdinalIgnoreCase))), Is.Empty);
    }

    [Test]
    public void ProjectFile_TheCheckWouldSeeAnOutwardReference()
    {
        // Guards the test itself: Ledger.Postgres does reference Engine, so the reader finds references.
        var file = Path.Combine(RepositoryRoot(), "src", "Pbr.Ledger.Postgres", "Pbr.Ledger.Postgres.csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference").ToList();

        Assert.That(references, Is.Not.Empty);
        Assert.That(ProjectClosure("Pbr.Dsl").Select(a => a.GetName().Name), Does.Contain("Pbr.Core"));
    }

    private static bool IsProjectAssembly(string name) => name.StartsWith("Pbr.", StringComparison.Ordinal);

    // Every project assembly reachable from the given one, itself included.
    private static List<Assembly> ProjectClosure(string assemblyName)
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>();
        pending.Push(new AssemblyName(assemblyName));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (seen.ContainsKey(next.Name!))
            {
                continue;
            }

            var assembly = Assembly.Load(next);
            seen.Add(next.Name!, assembly);
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => IsProjectAssembly(r.Name!)))
            {
                pending.Push(reference);
            }
        }

        return [.. seen.Values];
    }

    private static string RepositoryRoot() => Pbr.TestKit.RepositoryFiles.Root;
}
