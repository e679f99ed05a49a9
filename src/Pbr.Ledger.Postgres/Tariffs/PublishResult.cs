using System.Collections.Immutable;

namespace Pbr.Ledger.Postgres.Tariffs;

/// <summary>What publishing did: the sources newly stored and the schemes and contracts whose version changed.</summary>
public sealed record PublishResult(ImmutableArray<string> StoredSha256s, ImmutableArray<string> ChangedSubjects)
{
    /// <summary>Gets a value indicating whether nothing changed (the same text was already in force).</summary>
    public bool IsNoOp => StoredSha256s.IsEmpty && ChangedSubjects.IsEmpty;
}
