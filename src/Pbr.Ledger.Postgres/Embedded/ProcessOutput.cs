namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>What a finished child process left behind.</summary>
/// <param name="ExitCode">The exit code; -1 when the process could not be started or was killed after its time ran out.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
internal sealed record ProcessOutput(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Gets a value indicating whether the process exited with code zero.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Gets both streams, trimmed, for an error message.</summary>
    public string Combined => string.Join(Environment.NewLine, new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
}
