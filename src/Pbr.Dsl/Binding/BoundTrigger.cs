using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal abstract record BoundTrigger(TextSpan Span);
