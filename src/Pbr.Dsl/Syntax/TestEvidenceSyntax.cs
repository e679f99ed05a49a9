using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>employment "E1" [for "P1"] from 2011-06-01 [to 2011-12-31] verified [recorded 2011-06-01]</c>, or for an
/// event <c>proven_reoffence "R1" for "A1" on 2012-03-01 verified recorded 2012-04-01</c>.
/// </summary>
public sealed record TestEvidenceSyntax(
    TextSpan Span, NameSyntax Kind, Token Id, Token? For, Token DateKeyword, Token Start, Token? End, Token Status, Token? Recorded)
    : TestItemSyntax(Span);
