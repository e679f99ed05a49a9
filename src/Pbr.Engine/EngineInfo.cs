using System.Reflection;

namespace Pbr.Engine;

/// <summary>Facts about this build of the engine that a run header records.</summary>
public static class EngineInfo
{
    /// <summary>Gets the engine's version, e.g. <c>0.1.0</c>, without any source-control suffix.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(EngineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
