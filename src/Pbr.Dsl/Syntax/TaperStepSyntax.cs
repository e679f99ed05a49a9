using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>from 2012-04-01 until 2013-03-31: 75%</c>: one step of a taper; either end may be open.</summary>
public sealed record TaperStepSyntax(TextSpan Span, Token? From, Token? Until, ExpressionSyntax Value) : SyntaxNode(Span);
