using System.Collections.Immutable;

namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>A generated payment group and its fee rows, in date order.</summary>
internal sealed record SimGroup(string Name, ImmutableArray<SimFeeRow> Rows);
