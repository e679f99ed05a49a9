using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A type as written: a type word (<c>money</c>, <c>weeks</c>…) or <c>one of "A", "B"</c>.</summary>
public sealed record TypeSyntax(TextSpan Span, Token? Word, ImmutableArray<Token> Values) : SyntaxNode(Span);
