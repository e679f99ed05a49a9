namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>A validated input row and the line of the file it came from, so a conflict can name the line.</summary>
public sealed record ImportRow<T>(int Line, T Row);
