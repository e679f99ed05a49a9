namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>
/// The operating-system user the server runs as. <c>initdb</c> and <c>postgres</c> refuse to run as
/// root, so a root process runs them as <c>postgres</c> through <c>runuser</c> and gives that user the
/// folders it needs; any other user runs them directly.
/// </summary>
internal sealed class ServerUser
{
    /// <summary>The account the PostgreSQL packages create and root hands the server to.</summary>
    public const string PostgresAccount = "postgres";

    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromSeconds(30);

    private ServerUser(string? account) => Account = account;

    /// <summary>Gets the user to switch to, or null to run as the current user.</summary>
    public string? Account { get; }

    /// <summary>Gets a value indicating whether commands are run through <c>runuser</c>.</summary>
    public bool SwitchesUser => Account is not null;

    public static ServerUser ForProcess(bool isRoot) => new(isRoot ? PostgresAccount : null);

    /// <summary>Builds the command line that runs <paramref name="program"/> as this user.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string program, IEnumerable<string> arguments)
    {
        if (Account is null)
        {
            return (program, arguments.ToList());
        }

        var list = new List<string> { "-u", Account, "--", program };
        list.AddRange(arguments);
        return (RunUser(), list);
    }

    /// <summary>Runs <paramref name="program"/> as this user.</summary>
    public Task<ProcessOutput> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (file, args) = Command(program, arguments);
        return ProcessRunner.RunAsync(file, args, timeout, cancellationToken);
    }

    /// <summary>Checks that the account exists (only matters when switching user).</summary>
    public async Task<string?> CheckAccountAsync(CancellationToken cancellationToken)
    {
        if (Account is null)
        {
            return null;
        }

        var id = await ProcessRunner.RunAsync("id", ["-u", Account], s_shortTimeout, cancellationToken).ConfigureAwait(false);
        return id.Succeeded
            ? null
            : $"running as root, the server must run as the '{Account}' OS user, which does not exist. "
              + "Install PostgreSQL with 'apt-get install postgresql' (it creates that user), or run pbr as a normal user.";
    }

    /// <summary>
    /// Creates a folder (and its parents) if missing, makes it private (mode 0700) and, when switching
    /// user, gives it to that user.
    /// </summary>
    public async Task<string?> PrepareFolderAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(path);
            if (Account is not null)
            {
                // Root must never hand a symlinked folder to another user: a link planted in /tmp
                // would give that user whatever it points at.
                if (new DirectoryInfo(path).LinkTarget is not null)
                {
                    return $"{path} is a symbolic link; as root pbr only gives real folders to the '{Account}' user. Remove the link or set PBR_HOME elsewhere.";
                }

                var chown = await ProcessRunner.RunAsync("chown", ["--no-dereference", Account + ":", path], s_shortTimeout, cancellationToken).ConfigureAwait(false);
                if (!chown.Succeeded)
                {
                    return $"could not give {path} to the '{Account}' user: {chown.Combined}";
                }
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not prepare the folder {path}: {e.Message}";
        }
    }

    /// <summary>Gives a file this process wrote to the server user, so the server can read it.</summary>
    public async Task<string?> GiveFileAsync(string path, CancellationToken cancellationToken)
    {
        if (Account is null)
        {
            return null;
        }

        var chown = await ProcessRunner.RunAsync("chown", [Account + ":", path], s_shortTimeout, cancellationToken).ConfigureAwait(false);
        return chown.Succeeded ? null : $"could not give {path} to the '{Account}' user: {chown.Combined}";
    }

    /// <summary>Checks the server user can write in <paramref name="path"/> (every parent must let it through).</summary>
    public async Task<string?> CheckCanWriteAsync(string path, CancellationToken cancellationToken)
    {
        if (Account is null)
        {
            return null;
        }

        var test = await RunAsync("test", ["-w", path, "-a", "-x", path], s_shortTimeout, cancellationToken).ConfigureAwait(false);
        return test.Succeeded
            ? null
            : $"the '{Account}' OS user (which runs the server when pbr runs as root) cannot write in {path}: "
              + "a parent folder does not let it through. Set PBR_HOME to a folder it can reach, such as /var/lib/pbr.";
    }

    private static string RunUser() =>
        Array.Find(["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"], File.Exists) ?? "runuser";
}
