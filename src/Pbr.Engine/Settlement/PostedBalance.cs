using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Settlement;

/// <summary>
/// What the ledger already holds for one key: the sum of every line posted for it, and the rule and
/// tariff of the latest, which a clawback names when the key is no longer due at all.
/// </summary>
public sealed record PostedBalance(LineKey Key, Money Amount, string Rule, string TariffSha256);
