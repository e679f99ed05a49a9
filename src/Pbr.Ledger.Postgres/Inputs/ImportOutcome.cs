using System.Collections.Immutable;

namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>
/// What an import did: how many rows were new and how many the ledger already held identically,
/// or the conflicts that stopped it (then nothing was loaded).
/// </summary>
public sealed record ImportOutcome(long? ImportId, int Inserted, int Existing, ImmutableArray<ImportConflict> Conflicts)
{
    /// <summary>Gets a value indicating whether the ledger refused the file.</summary>
    public bool HasConflicts => !Conflicts.IsDefaultOrEmpty;

    /// <summary>Gets a value indicating whether every row was already held: nothing changed.</summary>
    public bool IsNoOp => !HasConflicts && Inserted == 0;
}
