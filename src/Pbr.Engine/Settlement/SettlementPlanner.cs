using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Engine.Calculation;
using Pbr.Engine.Hashing;

namespace Pbr.Engine.Settlement;

/// <summary>
/// Plans one contract's run: entitlement (<see cref="Calculator"/>), minus what is posted
/// (<see cref="Delta"/>), hashed into the contract's chain. Pure; the ledger does the I/O.
/// </summary>
public static class SettlementPlanner
{
    /// <summary>Plans a run from its inputs, what the ledger holds per key, and the previous run's hash.</summary>
    public static SettlementPlan Plan(SettlementInput input, IReadOnlyList<PostedBalance> posted, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentException.ThrowIfNullOrEmpty(prevHash);

        var known = input.Evidence.Where(e => e.RecordedOn <= input.KnownAt).ToList();
        var entitlement = Calculator.Calculate(input.Contract, input.Rules, input.Participants, known, input.AsOf, input.KnownAt);
        var lines = entitlement.HasProblems
            ? []
            : Delta.Compute(input.Contract, entitlement.Lines, posted, input.AsOf, input.SchemeSha256);

        var payments = Money.Sum(lines.Where(l => l.Kind == LineKind.Payment).Select(l => l.Amount));
        var clawbacks = Money.Sum(lines.Where(l => l.Kind == LineKind.Clawback).Select(l => l.Amount));
        var tariffs = input.TariffSha256s.Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var digest = InputDigest.Of(input.Participants, known);
        var hashes = lines.Select(l => l.Hash).ToList();
        var hash = RunHasher.Compute(
            prevHash, input.Contract.Id, input.AsOf, input.KnownAt, input.EngineVersion, tariffs, digest,
            input.Participants.Count, known.Count, hashes, payments, clawbacks);
        var header = new RunHeader(
            input.Contract.Id, input.AsOf, input.KnownAt, input.EngineVersion, tariffs, digest,
            input.Participants.Count, known.Count, lines.Length, payments, clawbacks, prevHash, hash);
        return new SettlementPlan(header, lines, entitlement);
    }
}
