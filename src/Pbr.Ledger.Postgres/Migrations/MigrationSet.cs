using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Migrations;

/// <summary>Builds the ordered list of migrations to apply.</summary>
public static class MigrationSet
{
    /// <summary>The prefix of the embedded resource names holding the ledger migrations.</summary>
    public const string ResourcePrefix = "ledger/";

    /// <summary>
    /// The migrations built into this assembly from <c>schemas/ledger/*.sql</c>, in numeric order.
    /// </summary>
    public static OperationResult<ImmutableArray<Migration>> Embedded()
    {
        var assembly = typeof(MigrationSet).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n[ResourcePrefix.Length..], Text: Read(assembly, n)));
        return FromTexts(files);
    }

    /// <summary>
    /// Builds migrations from (file name, text) pairs, in numeric order; two files with the same
    /// number, or a badly named file, are an error.
    /// </summary>
    public static OperationResult<ImmutableArray<Migration>> FromTexts(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var migrations = new List<Migration>();
        foreach (var (name, text) in files)
        {
            var migration = Migration.Create(name, text);
            if (!migration.Success)
            {
                return OperationResult<ImmutableArray<Migration>>.Fail(migration.Error!);
            }

            migrations.Add(migration.Value);
        }

        var clash = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            return OperationResult<ImmutableArray<Migration>>.Fail(
                $"two migrations share the number {clash.Key:D4}: {string.Join(" and ", clash.Select(m => m.Name).Order(StringComparer.Ordinal))}");
        }

        return OperationResult<ImmutableArray<Migration>>.Ok([.. migrations.OrderBy(m => m.Version)]);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the resource {resource} is listed but cannot be opened");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
