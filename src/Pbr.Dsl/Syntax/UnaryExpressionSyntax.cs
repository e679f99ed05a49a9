using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A prefix operator: <c>-</c> or <c>not</c>.</summary>
public sealed record UnaryExpressionSyntax(TextSpan Span, Token Operator, ExpressionSyntax Operand) : ExpressionSyntax(Span);
