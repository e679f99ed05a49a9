using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>"JSA 18-24" from 2011-06-01 until 2016-03-31: £400.00, …</c>: a row of a table.</summary>
public sealed record TableRowSyntax(TextSpan Span, Token Key, Token? From, Token? Until, ImmutableArray<ExpressionSyntax> Cells)
    : SyntaxNode(Span);
