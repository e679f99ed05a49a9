using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A declaration or rule inside a scheme.</summary>
public abstract record SchemeItemSyntax(TextSpan Span) : SyntaxNode(Span);
