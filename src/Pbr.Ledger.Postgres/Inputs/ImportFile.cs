namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>The file an import came from: its name, the SHA-256 of its bytes, and how many rows were rejected before loading.</summary>
public sealed record ImportFile(string Name, string Sha256, int Rejected);
