using Pbr.Core;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>One contract's part of a settlement: its plan, and the run id it was posted under (none when nothing was posted).</summary>
public sealed record ContractRun(ContractId Contract, SettlementPlan Plan, RunId? RunId);
