using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundColumn(string Name, PbrType Type, int Slot, TextSpan Span);
