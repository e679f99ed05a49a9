namespace Pbr.Ledger.Postgres.Embedded;

/// <summary>What <see cref="EmbeddedCluster.StartAsync"/> did.</summary>
/// <param name="Pid">The server's process id.</param>
/// <param name="AlreadyRunning">True when a server was already running and nothing was done.</param>
/// <param name="Initialised">True when the cluster was created by this call.</param>
public sealed record StartOutcome(int Pid, bool AlreadyRunning, bool Initialised);
