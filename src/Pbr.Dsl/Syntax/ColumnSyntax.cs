using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A column of a table with its type.</summary>
public sealed record ColumnSyntax(TextSpan Span, NameSyntax Name, TypeSyntax Type) : SyntaxNode(Span);
