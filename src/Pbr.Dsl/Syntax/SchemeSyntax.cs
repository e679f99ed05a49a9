using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>scheme NAME … end</c>: the declarations and rules of one tariff.</summary>
public sealed record SchemeSyntax(TextSpan Span, NameSyntax Name, ImmutableArray<SchemeItemSyntax> Items) : DeclarationSyntax(Span);
