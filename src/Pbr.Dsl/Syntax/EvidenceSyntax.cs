using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>evidence employment: spell</c>: an evidence kind, a spell or an event, with attributes.</summary>
public sealed record EvidenceSyntax(TextSpan Span, NameSyntax Name, Token Shape, ImmutableArray<AttributeSyntax> Attributes)
    : SchemeItemSyntax(Span);
