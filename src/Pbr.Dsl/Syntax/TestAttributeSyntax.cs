using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>An attribute value given to a test participant: <c>payment_group = "JSA 18-24"</c>.</summary>
public sealed record TestAttributeSyntax(TextSpan Span, NameSyntax Name, Token Value) : SyntaxNode(Span);
