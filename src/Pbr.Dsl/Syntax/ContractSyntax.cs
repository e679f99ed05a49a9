using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>contract "ID" … end</c>: the scheme, provider, accepted start dates, discount and term values.
/// </summary>
public sealed record ContractSyntax(TextSpan Span, Token Id, ImmutableArray<ContractItemSyntax> Items) : DeclarationSyntax(Span);
