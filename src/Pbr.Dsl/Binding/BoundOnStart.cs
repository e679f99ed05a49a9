using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundOnStart(TextSpan Span) : BoundTrigger(Span);
