using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>An expression in parentheses.</summary>
public sealed record ParenthesizedExpressionSyntax(TextSpan Span, ExpressionSyntax Inner) : ExpressionSyntax(Span);
