namespace Pbr.Engine.Import;

/// <summary>A row that passed every check, with the line it starts on.</summary>
/// <remarks>A struct: a national file has millions of rows, and each needs no object of its own.</remarks>
public readonly record struct ImportedRow<T>(int Line, T Value);
