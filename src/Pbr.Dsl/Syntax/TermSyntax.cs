using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>term baseline_binary: rate</c>: a figure each contract of the scheme must give.</summary>
public sealed record TermSyntax(TextSpan Span, NameSyntax Name, TypeSyntax Type) : SchemeItemSyntax(Span);
