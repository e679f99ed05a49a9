using System.Collections.Immutable;
using NodaTime;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A row of a table: its key value, effective period and constant cells (boxed once, at compile time).</summary>
internal sealed record BoundRow(string Key, LocalDate? From, LocalDate? Until, ImmutableArray<object> Cells, TextSpan Span);
