using System.Collections.Immutable;

namespace Pbr.Dsl.Binding;

/// <summary>Everything bound from a set of sources.</summary>
internal sealed record BoundProgram(ImmutableArray<BoundScheme> Schemes, ImmutableArray<BoundContract> Contracts, ImmutableArray<BoundTest> Tests);
