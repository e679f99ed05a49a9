namespace Pbr.Ledger.Postgres.Tests.Faults.Simulation;

/// <summary>What a generated cap applies to: one participant's lines, the whole contract's, or each contract year's.</summary>
internal enum SimCapScope
{
    Participant,
    Contract,
    ContractYear,
}
