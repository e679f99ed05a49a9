using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A duration such as <c>26 weeks</c> or <c>547 days</c>.</summary>
public sealed record DurationExpressionSyntax(TextSpan Span, Token Number, Token Unit) : ExpressionSyntax(Span);
