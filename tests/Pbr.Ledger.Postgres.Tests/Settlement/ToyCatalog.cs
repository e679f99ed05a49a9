using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Engine.Settlement;
using Pbr.Engine.Tests.Fixtures;

namespace Pbr.Ledger.Postgres.Tests.Settlement;

/// <summary>A tariff catalog of <see cref="ToyScheme"/> contracts, standing in for published tariffs.</summary>
public sealed class ToyCatalog(params ContractTerms[] contracts) : ITariffCatalog
{
    private static readonly ToyScheme Rules = new();

    public IReadOnlyList<ContractTerms> Contracts { get; } = contracts;

    public ISchemeRules Scheme(SchemeId scheme) => Rules;

    /// <summary>Gets the SHA-256 the scheme's source is said to have: a republished tariff has another.</summary>
    public string SchemeSha { get; init; } = Rows.TariffSha;

    public string SchemeSha256(SchemeId scheme) => SchemeSha;

    public string ContractSha256(ContractId contract) => "2222222222222222222222222222222222222222222222222222222222222222";
}
