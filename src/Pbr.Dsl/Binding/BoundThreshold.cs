using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundThreshold(TextSpan Span, bool Continuous, string Evidence, BoundExpression Reaches, BoundExpression Within)
    : BoundTrigger(Span);
