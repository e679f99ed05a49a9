namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>A disagreement the simulation found: caught by the step loop, which adds the seed, the step and the action.</summary>
internal sealed class SimFailure(string message) : Exception(message);
