using System.ComponentModel;
using System.Diagnostics;

namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>
/// Runs a program with an argument list (never a shell string, so paths with spaces or quotes
/// need no escaping) and waits for it with a time limit.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessOutput> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,

            // The server user may not be able to enter the caller's folder (e.g. /root); "/" always works.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (Win32Exception e)
        {
            return new ProcessOutput(-1, string.Empty, $"could not run {fileName}: {e.Message}");
        }

        if (process is null)
        {
            return new ProcessOutput(-1, string.Empty, $"could not run {fileName}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return new ProcessOutput(
                    -1,
                    await stdout.ConfigureAwait(false),
                    $"{fileName} did not finish within {timeout.TotalSeconds:0} s and was stopped. {await stderr.ConfigureAwait(false)}");
            }

            return new ProcessOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
