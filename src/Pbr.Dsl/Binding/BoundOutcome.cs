using Pbr.Core;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundOutcome(
    string Name, int Index, TextSpan Span, BoundTrigger Trigger, BoundExpression? Guard, BoundExpression Pay, Rounding Rounding, BoundUses Uses,
    string PayText);
