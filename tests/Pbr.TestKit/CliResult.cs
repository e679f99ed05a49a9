namespace Pbr.TestKit;

/// <summary>What a run of the <c>pbr</c> command line left behind.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"exit {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}--- stderr ---{Environment.NewLine}{StandardError}";
}
