using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>participant "P1" starts 2011-06-01 with payment_group = "JSA 18-24"</c>.</summary>
public sealed record TestParticipantSyntax(TextSpan Span, Token Id, Token Starts, ImmutableArray<TestAttributeSyntax> Attributes)
    : TestItemSyntax(Span);
