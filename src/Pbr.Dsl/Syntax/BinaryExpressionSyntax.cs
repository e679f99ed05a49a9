using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>An infix operator: arithmetic, comparison, <c>and</c>, <c>or</c>.</summary>
public sealed record BinaryExpressionSyntax(TextSpan Span, ExpressionSyntax Left, Token Operator, ExpressionSyntax Right)
    : ExpressionSyntax(Span);
