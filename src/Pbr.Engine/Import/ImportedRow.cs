namespace Pbr.Engine.Import;

/// <summary>A row that passed every check, with the line it starts on.</summary>
public sealed record ImportedRow<T>(int Line, T Value);
