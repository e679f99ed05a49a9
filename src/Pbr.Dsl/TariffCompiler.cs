using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Pbr.Dsl.Compilation;
using Pbr.Dsl.Text;

namespace Pbr.Dsl;

/// <summary>
/// The entry point of the tariff language: parses, binds, checks and compiles tariff sources.
/// </summary>
/// <remarks>
/// All sources are compiled together, because a contract may name a scheme declared in another
/// file. Compilations are cached by the SHA-256 of every source's path and text, so publishing,
/// settling and testing the same sources compiles them once per process.
/// </remarks>
public static class TariffCompiler
{
    // Bounded so that a long-running process that sees many tariff versions does not grow without limit.
    private const int CacheLimit = 64;
    private static readonly ConcurrentDictionary<string, TariffCompilation> Cache = new(StringComparer.Ordinal);

    /// <summary>Compiles the sources together and returns the result with every diagnostic found.</summary>
    /// <param name="sources">The tariff sources; their order does not change the meaning.</param>
    public static TariffCompilation Compile(IReadOnlyList<SourceFile> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var compiled = sources.Select(s => new CompiledSource(s.Path, s.Text, Sha256Hex(s.Text))).ToList();
        var key = CacheKey(compiled);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var compilation = CompilationPipeline.Run(sources, compiled);
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[key] = compilation;
        return compilation;
    }

    /// <summary>Gets the lowercase hex SHA-256 of the UTF-8 bytes of a text.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string CacheKey(List<CompiledSource> sources)
    {
        var builder = new StringBuilder();
        foreach (var source in sources)
        {
            builder.Append(source.Path).Append('\0').Append(source.Sha256).Append('\n');
        }

        return Sha256Hex(builder.ToString());
    }
}
