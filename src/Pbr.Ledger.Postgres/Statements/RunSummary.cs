using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Statements;

/// <summary>A run header as a statement shows it.</summary>
public sealed record RunSummary(
    RunId Run,
    ContractId Contract,
    LocalDate AsOf,
    LocalDate KnownAt,
    int LineCount,
    Money Payments,
    Money Clawbacks,
    Money Net,
    string RunHash,
    ImmutableArray<string> TariffSha256s);
