using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// One line of a contract: a keyword and its value (<c>provider "Alpha"</c>), or a term and its value
/// (<c>baseline_binary = 0.55</c>) when <see cref="IsTerm"/>.
/// </summary>
public sealed record ContractItemSyntax(TextSpan Span, Token Label, bool IsTerm, ExpressionSyntax Value) : SyntaxNode(Span);
