using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>Negation or logical not.</summary>
internal sealed record BoundUnary(PbrType Type, TextSpan Span, BoundOperator Operator, BoundExpression Operand) : BoundExpression(Type, Span);
