using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>What a contract's run is planned from: its inputs, or the plan of a run that would repeat the latest.</summary>
/// <param name="Hashes">The content hashes the ledger holds for the input's rows, which make the run's input digest.</param>
internal sealed record ContractInputs(SettlementPlan? Unchanged, SettlementInput? Input, List<PostedBalance> Posted, string PrevHash, InputHashes? Hashes = null);
