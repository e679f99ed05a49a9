using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundTable(
    string Name, BoundAttribute Key, int? EffectiveOnSlot, string? EffectiveOnName, ImmutableArray<BoundColumn> Columns, ImmutableArray<BoundRow> Rows, TextSpan Span);
