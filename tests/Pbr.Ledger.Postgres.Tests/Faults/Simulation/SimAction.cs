namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>The things a simulation step can do.</summary>
internal enum SimAction
{
    Import,
    Settle,
    DryRun,
    Replay,
    Fault,
    Resettle,
}
