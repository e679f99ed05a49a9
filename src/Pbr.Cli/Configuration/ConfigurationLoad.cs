using System.Collections.Immutable;

namespace Pbr.Cli.Configuration;

/// <summary>The result of loading the configuration: the settings, or every rejected key.</summary>
internal sealed record ConfigurationLoad(PbrSettings? Settings, ImmutableArray<ConfigurationError> Errors)
{
    /// <summary>Gets a value indicating whether the configuration was valid.</summary>
    public bool Success => Settings is not null;
}
