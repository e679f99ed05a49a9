using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A line of a test case.</summary>
public abstract record TestItemSyntax(TextSpan Span) : SyntaxNode(Span);
