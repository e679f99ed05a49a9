using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundAttribute(string Name, PbrType Type, int Slot, TextSpan Span);
