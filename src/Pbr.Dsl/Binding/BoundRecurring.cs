using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundRecurring(TextSpan Span, BoundExpression Every, string Evidence, int After, BoundExpression AtMost)
    : BoundTrigger(Span);
