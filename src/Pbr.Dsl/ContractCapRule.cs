using System.Collections.Immutable;
using Pbr.Core;

namespace Pbr.Dsl;

/// <summary>
/// A cap over every participant line of a contract, in all or per contract year, with the amount the
/// contract's terms give it. The calculator applies it, because it needs every participant at once.
/// </summary>
/// <param name="Limit">The most the capped outcomes may pay in the scope.</param>
/// <param name="Scope"><see cref="CapScope.Contract"/> or <see cref="CapScope.ContractYear"/>.</param>
/// <param name="OutcomeOrder">The capped outcomes, in the order they are paid from the cap.</param>
/// <param name="Location">Where the cap is written, <c>file.pbr(line,column)</c>.</param>
/// <param name="AmountText">The amount as written, e.g. <c>£2,000,000.00</c> or a term's name.</param>
public sealed record ContractCapRule(Money Limit, CapScope Scope, ImmutableArray<string> OutcomeOrder, string Location, string AmountText);
