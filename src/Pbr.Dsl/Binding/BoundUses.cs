using System.Collections.Immutable;

namespace Pbr.Dsl.Binding;

/// <summary>What an outcome's figures depend on, for explanations and for "no rule applies".</summary>
internal sealed record BoundUses(ImmutableArray<(int Table, int Column)> Cells, ImmutableArray<int> Tapers);
