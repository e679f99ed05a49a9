using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A node of the immutable syntax tree; every node knows the span it was parsed from.</summary>
public abstract record SyntaxNode(TextSpan Span);
