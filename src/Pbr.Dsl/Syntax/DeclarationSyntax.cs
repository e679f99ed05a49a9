using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A top-level declaration: a scheme, a contract or a test.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);
