using NodaTime;

namespace Pbr.Core.Model;

/// <summary>
/// A contract as its tariff source declares it: the scheme it prices by, the provider, the start
/// dates it accepts, and the provider's bid discount.
/// </summary>
public sealed record ContractTerms(
    ContractId Id,
    SchemeId Scheme,
    ProviderId Provider,
    LocalDate StartsOn,
    LocalDate EndsOn,
    Percentage Discount);
