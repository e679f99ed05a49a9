using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>participants "A" 1 to 20 starts 2012-01-15</c>: participants A1 … A20 with no evidence of their own.</summary>
public sealed record TestParticipantsSyntax(
    TextSpan Span, Token Prefix, Token First, Token Last, Token Starts, ImmutableArray<TestAttributeSyntax> Attributes)
    : TestItemSyntax(Span);
