namespace Pbr.Dsl.Text;

/// <summary>A one-based line and column, as editors and diagnostics show them.</summary>
public readonly record struct LinePosition(int Line, int Column);
