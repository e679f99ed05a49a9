namespace Pbr.Cli;

/// <summary>The process exit codes every command uses.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;

    /// <summary>Another run holds the contract's lock and <c>--no-wait</c> was given.</summary>
    public const int Busy = 3;
}
