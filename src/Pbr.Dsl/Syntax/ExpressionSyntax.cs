using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>An expression.</summary>
/// <remarks>
/// Expressions are small and side-effect free: literals, names, member reads, arithmetic and
/// comparisons. There are no calls and no loops, so every evaluation is bounded.
/// </remarks>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);
