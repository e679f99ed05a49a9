using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>cap AMOUNT per participant|cohort|contract [year] in order a, b</c>: a limit and the order it is
/// allocated in. <paramref name="Year"/> is the word <c>year</c> after <c>contract</c>, when present.
/// </summary>
public sealed record CapSyntax(TextSpan Span, ExpressionSyntax Amount, Token Scope, ImmutableArray<NameSyntax> Order, Token? Year = null)
    : SchemeItemSyntax(Span);
