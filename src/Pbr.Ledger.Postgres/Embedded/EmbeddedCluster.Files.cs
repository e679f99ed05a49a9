using System.Globalization;
using System.Text;

namespace Pbr.Ledger.Postgres.Embedded;

// The files and folders around the server: ownership, settings, lock files and the log.
public sealed partial class EmbeddedCluster
{
    private async Task<string?> PrepareAsync(IEnumerable<string> folders, CancellationToken cancellationToken)
    {
        if (await _user.CheckAccountAsync(cancellationToken).ConfigureAwait(false) is { } accountError)
        {
            return accountError;
        }

        foreach (var folder in folders)
        {
            if (await _user.PrepareFolderAsync(folder, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return error;
            }
        }

        return await _user.CheckCanWriteAsync(Layout.Home, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> WriteSettingsAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .AppendLine("# Written by pbr at every start; edits here are lost.")
            .AppendLine("listen_addresses = ''")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{Layout.SocketDirectory.Replace("'", "''", StringComparison.Ordinal)}'")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {Layout.Port}");
        if (!_durable)
        {
            text.AppendLine("# A throwaway cluster: speed over crash safety.")
                .AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off")
                .AppendLine("shared_buffers = 32MB");
        }

        var path = Path.Combine(Layout.DataDirectory, SettingsFile);
        try
        {
            await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not write {path}: {e.Message}";
        }

        return await _user.GiveFileAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a PostgreSQL lock file whose pid is alive but is not a PostgreSQL process (the pid was
    /// reused after a crash), which the server would otherwise take for a running postmaster.
    /// A dead pid is left to the server, which replaces such files itself.
    /// </summary>
    private static void RemoveStaleLockFile(string path)
    {
        if (ReadPidFile(path) is { } pid && !IsPostgresProcess(pid) && Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"))
        {
            File.Delete(path);
        }
    }

    private long LogLength()
    {
        var info = new FileInfo(Layout.LogFile);
        return info.Exists ? info.Length : 0;
    }

    private string ReadLogFrom(long offset)
    {
        try
        {
            using var stream = new FileStream(Layout.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
