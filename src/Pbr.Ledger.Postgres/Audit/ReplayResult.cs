using System.Collections.Immutable;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>The replay of one posted run: identical to the penny and the hash, or every difference.</summary>
public sealed record ReplayResult(RunId Run, ContractId Contract, int Lines, ImmutableArray<ReplayDifference> Differences)
{
    /// <summary>Gets a value indicating whether the recomputation equals what was posted in every field and hash.</summary>
    public bool Identical => Differences.IsEmpty;
}
