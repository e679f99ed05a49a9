using Pbr.Ledger.Postgres.Embedded;

namespace Pbr.Ledger.Postgres.Connections;

/// <summary>How <see cref="ConnectionResolver"/> finds the database.</summary>
public sealed record ConnectionOptions
{
    /// <summary>Gets the database on the embedded cluster, and on a server whose URL names none.</summary>
    public string DatabaseName { get; init; } = EmbeddedCluster.DefaultDatabase;

    /// <summary>Gets a value indicating whether the embedded cluster is started (and created) when it is not running.</summary>
    public bool StartEmbedded { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether the embedded cluster keeps data safe across a machine crash
    /// (fsync on). False only for throwaway test clusters, which trade that for speed.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Gets the folders to search for the server programs instead of the default ones.</summary>
    public IReadOnlyList<string>? BinarySearchFolders { get; init; }
}
