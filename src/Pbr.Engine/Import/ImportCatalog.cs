using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Import;

/// <summary>
/// What an import is checked against: the contracts that exist and, through each contract's
/// scheme, the closed world of participant attributes and evidence kinds it declares.
/// </summary>
public sealed class ImportCatalog
{
    private readonly Dictionary<ContractId, (ContractTerms Terms, ISchemeRules Scheme)> _contracts = [];

    /// <summary>Creates a catalog from contracts and the schemes they name.</summary>
    /// <exception cref="ArgumentException">A contract names a scheme that is not given, or two contracts share an id.</exception>
    public ImportCatalog(IEnumerable<ContractTerms> contracts, IEnumerable<ISchemeRules> schemes)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(schemes);
        var bySchemeId = schemes.ToDictionary(s => s.Id);
        foreach (var contract in contracts)
        {
            if (!bySchemeId.TryGetValue(contract.Scheme, out var scheme))
            {
                throw new ArgumentException($"Contract {contract.Id} names scheme {contract.Scheme}, which is not in the catalog.", nameof(schemes));
            }

            if (!_contracts.TryAdd(contract.Id, (contract, scheme)))
            {
                throw new ArgumentException($"Contract {contract.Id} is given twice.", nameof(contracts));
            }
        }

        ContractIds = [.. _contracts.Keys.OrderBy(c => c)];
        ParticipantAttributeNames = [.. _contracts.Values
            .SelectMany(c => c.Scheme.ParticipantAttributes)
            .Select(a => a.Name)
            .Distinct(StringComparer.Ordinal)];
        EvidenceAttributeNames = [.. _contracts.Values
            .SelectMany(c => c.Scheme.EvidenceKinds)
            .SelectMany(k => k.Attributes)
            .Select(a => a.Name)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Gets the contract ids, in ordinal order.</summary>
    public ImmutableArray<ContractId> ContractIds { get; }

    /// <summary>Gets every participant attribute any scheme of the catalog declares.</summary>
    public ImmutableArray<string> ParticipantAttributeNames { get; }

    /// <summary>Gets every evidence attribute any evidence kind of the catalog declares.</summary>
    public ImmutableArray<string> EvidenceAttributeNames { get; }

    /// <summary>Finds a contract and its scheme.</summary>
    public bool TryGetContract(ContractId id, out ContractTerms terms, out ISchemeRules scheme)
    {
        if (_contracts.TryGetValue(id, out var entry))
        {
            (terms, scheme) = entry;
            return true;
        }

        terms = null!;
        scheme = null!;
        return false;
    }
}
