using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Settlement;

/// <summary>
/// The tariffs in force, as a settlement run needs them: the contracts, the compiled scheme of each,
/// and the SHA-256 of the source that declares each contract and scheme.
/// </summary>
public interface ITariffCatalog
{
    /// <summary>Gets every contract in force, in any order.</summary>
    IReadOnlyList<ContractTerms> Contracts { get; }

    /// <summary>Gets the compiled scheme a contract prices by.</summary>
    ISchemeRules Scheme(SchemeId scheme);

    /// <summary>Gets the SHA-256 of the source declaring a scheme.</summary>
    string SchemeSha256(SchemeId scheme);

    /// <summary>Gets the SHA-256 of the source declaring a contract.</summary>
    string ContractSha256(ContractId contract);
}
