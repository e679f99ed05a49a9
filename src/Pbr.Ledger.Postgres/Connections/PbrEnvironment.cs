namespace Pbr.Ledger.Postgres.Connections;

/// <summary>
/// The environment variables that decide where the database is, captured once so that tests can
/// supply their own instead of the process's.
/// </summary>
/// <param name="PbrHome">The value of <c>PBR_HOME</c>: the data folder of the embedded cluster.</param>
/// <param name="DatabaseUrl">The value of <c>PBR_DATABASE_URL</c>: an existing server to use instead.</param>
/// <param name="Home">The value of <c>HOME</c>.</param>
/// <param name="XdgDataHome">The value of <c>XDG_DATA_HOME</c>.</param>
/// <param name="SearchPath">The value of <c>PATH</c>.</param>
/// <param name="IsRoot">Whether the process runs as root (the server must then run as <c>postgres</c>).</param>
/// <param name="PostgresBin">
/// The value of <c>PBR_PG_BIN</c>: when set, the only folder searched for the server programs.
/// </param>
public sealed record PbrEnvironment(
    string? PbrHome,
    string? DatabaseUrl,
    string? Home,
    string? XdgDataHome,
    string? SearchPath,
    bool IsRoot,
    string? PostgresBin = null)
{
    /// <summary>The variable naming the one folder to take the server programs from.</summary>
    public const string PostgresBinVariable = "PBR_PG_BIN";

    /// <summary>The variable naming the data folder.</summary>
    public const string PbrHomeVariable = "PBR_HOME";

    /// <summary>The variable naming an existing server, overriding the embedded cluster.</summary>
    public const string DatabaseUrlVariable = "PBR_DATABASE_URL";

    /// <summary>Gets a value indicating whether <c>PBR_DATABASE_URL</c> is set.</summary>
    public bool HasDatabaseUrl => !string.IsNullOrWhiteSpace(DatabaseUrl);

    /// <summary>Reads the current process's environment.</summary>
    public static PbrEnvironment FromProcess() => FromVariables(Environment.GetEnvironmentVariable, Environment.IsPrivilegedProcess);

    /// <summary>Reads the variables through <paramref name="get"/>.</summary>
    public static PbrEnvironment FromVariables(Func<string, string?> get, bool isRoot)
    {
        ArgumentNullException.ThrowIfNull(get);
        return new(
            Blank(get(PbrHomeVariable)),
            Blank(get(DatabaseUrlVariable)),
            Blank(get("HOME")),
            Blank(get("XDG_DATA_HOME")),
            Blank(get("PATH")),
            isRoot,
            Blank(get(PostgresBinVariable)));
    }

    /// <summary>
    /// The folders to search for the server programs: <c>PBR_PG_BIN</c> alone when set, otherwise
    /// <c>PATH</c> and then <c>/usr/lib/postgresql/*/bin</c>, newest first.
    /// </summary>
    public IEnumerable<string> BinarySearchFolders() =>
        PostgresBin is { } bin ? [bin] : Embedded.PostgresBinaries.DefaultSearchFolders(SearchPath);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
