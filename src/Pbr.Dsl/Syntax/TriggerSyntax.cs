using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>When an outcome falls due.</summary>
public abstract record TriggerSyntax(TextSpan Span) : SyntaxNode(Span);
