using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>An infix operation whose operand and result types were checked by the binder.</summary>
internal sealed record BoundBinary(PbrType Type, TextSpan Span, BoundExpression Left, BoundOperator Operator, BoundExpression Right)
    : BoundExpression(Type, Span);
