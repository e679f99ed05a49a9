using System.Globalization;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>The PostgreSQL server programs the embedded cluster needs, all from one folder.</summary>
/// <param name="Directory">The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>.</param>
public sealed record PostgresBinaries(string Directory)
{
    /// <summary>The folder under which Debian and Ubuntu install each PostgreSQL major version.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The message given when no server programs can be found.</summary>
    public const string MissingMessage =
        "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found on PATH or under /usr/lib/postgresql/*/bin "
        + "(or in PBR_PG_BIN when set). "
        + "Install them with 'apt-get install postgresql', or set PBR_DATABASE_URL to use an existing server.";

    private static readonly string[] s_programs = ["initdb", "pg_ctl", "postgres"];

    /// <summary>Gets the path of <c>initdb</c>.</summary>
    public string InitDb => Path.Combine(Directory, "initdb");

    /// <summary>Gets the path of <c>pg_ctl</c>.</summary>
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>Gets the path of <c>postgres</c>.</summary>
    public string Postgres => Path.Combine(Directory, "postgres");

    /// <summary>
    /// Finds the programs in the first folder of <paramref name="searchFolders"/> that holds all three.
    /// </summary>
    public static OperationResult<PostgresBinaries> Find(IEnumerable<string> searchFolders)
    {
        ArgumentNullException.ThrowIfNull(searchFolders);
        foreach (var folder in searchFolders)
        {
            if (folder.Length > 0 && s_programs.All(p => IsExecutable(Path.Combine(folder, p))))
            {
                return OperationResult<PostgresBinaries>.Ok(new PostgresBinaries(Path.GetFullPath(folder)));
            }
        }

        return OperationResult<PostgresBinaries>.Fail(MissingMessage);
    }

    /// <summary>
    /// The folders searched by default: those on <c>PATH</c> in order (the user's explicit choice),
    /// then <c>/usr/lib/postgresql/*/bin</c> from the newest major version to the oldest.
    /// </summary>
    public static IEnumerable<string> DefaultSearchFolders(string? path) =>
        (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(VersionFolders(DebianRoot));

    /// <summary>Lists <c>root/*/bin</c>, newest version first (so 16 comes before 9.6).</summary>
    internal static IEnumerable<string> VersionFolders(string root)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(d => (Folder: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(v => v.Version is not null)
            .OrderByDescending(v => v.Version)
            .Select(v => Path.Combine(v.Folder, "bin"));
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        // The embedded cluster is for Unix-like systems; elsewhere existence is all we can check.
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL programs in {Directory}");
}
