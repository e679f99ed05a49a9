using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>rounding half_away_from_zero</c>: how every line of the scheme becomes whole pence.</summary>
public sealed record RoundingSyntax(TextSpan Span, NameSyntax Mode) : SchemeItemSyntax(Span);
