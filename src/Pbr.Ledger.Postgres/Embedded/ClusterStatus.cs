namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>A report of an embedded cluster's state, for <c>pbr db status</c>.</summary>
/// <param name="State">Whether the cluster exists and runs.</param>
/// <param name="Pid">The server's process id when it runs.</param>
/// <param name="Version">The PostgreSQL version of the server programs, e.g. <c>15.18</c>, when known.</param>
/// <param name="Layout">The data folder, cluster, socket and log paths.</param>
public sealed record ClusterStatus(ClusterState State, int? Pid, string? Version, ClusterLayout Layout);
