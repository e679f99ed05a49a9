namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>A row the ledger refuses, with the line it came from and the column at fault.</summary>
public sealed record ImportConflict(int Line, string Column, string Message);
