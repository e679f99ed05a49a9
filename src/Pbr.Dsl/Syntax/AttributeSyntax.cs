using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>attribute payment_group: one of "A", "B"</c>: a participant attribute the scheme reads.</summary>
public sealed record AttributeSyntax(TextSpan Span, NameSyntax Name, TypeSyntax Type) : SchemeItemSyntax(Span);
