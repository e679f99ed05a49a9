using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Settlement;

/// <summary>The tariff catalog of a compilation of the tariff language.</summary>
public sealed class CompiledTariffCatalog : ITariffCatalog
{
    private readonly TariffCompilation _compilation;

    /// <summary>Wraps a compilation without errors.</summary>
    /// <exception cref="ArgumentException">The compilation has errors.</exception>
    public CompiledTariffCatalog(TariffCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.HasErrors)
        {
            throw new ArgumentException("A compilation with errors has no tariffs to settle by.", nameof(compilation));
        }

        _compilation = compilation;
    }

    /// <inheritdoc />
    public IReadOnlyList<ContractTerms> Contracts => _compilation.Contracts;

    /// <inheritdoc />
    public ISchemeRules Scheme(SchemeId scheme) => _compilation.Scheme(scheme);

    /// <inheritdoc />
    public string SchemeSha256(SchemeId scheme) => _compilation.SourceSha256(scheme);

    /// <inheritdoc />
    public string ContractSha256(ContractId contract) => _compilation.SourceSha256(contract);
}
