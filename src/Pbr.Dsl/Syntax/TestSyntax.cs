using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>test "NAME" … end</c>: a named case with its inputs and the exact lines expected.</summary>
public sealed record TestSyntax(TextSpan Span, Token Name, ImmutableArray<TestItemSyntax> Items) : DeclarationSyntax(Span);
