using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>contract "WP-CPA1-ALPHA"</c>.</summary>
public sealed record TestContractSyntax(TextSpan Span, Token Id) : TestItemSyntax(Span);
