using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>What a contract's run is planned from: its inputs, or the plan of a run that would repeat the latest.</summary>
internal sealed record ContractInputs(SettlementPlan? Unchanged, SettlementInput? Input, List<PostedBalance> Posted, string PrevHash);
