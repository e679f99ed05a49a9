namespace Pbr.Dsl.Compilation;

/// <summary>A tariff source as it was compiled: its path, its exact text and the SHA-256 of its UTF-8 bytes.</summary>
/// <param name="Sha256">Lowercase hex of the SHA-256 of the UTF-8 bytes of <paramref name="Text"/>.</param>
public sealed record CompiledSource(string Path, string Text, string Sha256);
