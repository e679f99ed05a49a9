using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A literal: integer, decimal, percentage, money, date, text, <c>true</c> or <c>false</c>.</summary>
public sealed record LiteralExpressionSyntax(TextSpan Span, Token Literal) : ExpressionSyntax(Span);
