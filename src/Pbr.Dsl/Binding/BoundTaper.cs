using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundTaper(string Name, int Slot, int OnSlot, string OnName, ImmutableArray<BoundTaperStep> Steps, TextSpan Span);
