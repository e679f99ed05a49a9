using FsCheck;
using FsCheck.Fluent;
using Pbr.Core;

namespace Pbr.Core.Tests;

/// <summary>Generators for the money laws: amounts small enough that sums of three cannot overflow.</summary>
public static class CoreArbitraries
{
    // A third of long.MaxValue: any sum of three such amounts fits, so associativity is a law, not luck.
    public const long Bound = long.MaxValue / 3;

    public static Arbitrary<Money> Money() =>
        Gen.OneOf(
                Gen.Choose(-100_000, 100_000).Select(i => (long)i),
                ArbMap.Default.GeneratorFor<long>().Select(l => l % Bound))
            .Select(Pbr.Core.Money.FromPence)
            .ToArbitrary();

    public static Arbitrary<UnroundedMoney> UnroundedMoney() =>
        Gen.Zip(
                ArbMap.Default.GeneratorFor<int>(),
                Gen.Choose(0, 9999))
            .Select(t => new UnroundedMoney(t.Item1 + (t.Item2 / 10_000m)))
            .ToArbitrary();
}
