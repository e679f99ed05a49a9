namespace Pbr.Cli.Configuration;

/// <summary>A configuration value that was rejected: the key as Microsoft.Extensions.Configuration names it, and why.</summary>
/// <param name="Key">The key, sections separated by <c>:</c> (the variable <c>PBR__A__B</c> sets the key <c>A:B</c>).</param>
/// <param name="Reason">Why the value was rejected.</param>
internal sealed record ConfigurationError(string Key, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Reason}";
}
