namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>Whether an embedded cluster exists and is running.</summary>
public enum ClusterState
{
    /// <summary>No cluster has been created in the data folder yet.</summary>
    NotInitialised,

    /// <summary>The cluster exists but no server is running on it.</summary>
    Stopped,

    /// <summary>A server is running on the cluster.</summary>
    Running,
}
