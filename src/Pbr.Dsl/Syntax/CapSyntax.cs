using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>cap AMOUNT per cohort in order a, b</c>: a limit and the order it is allocated in.</summary>
public sealed record CapSyntax(TextSpan Span, ExpressionSyntax Amount, Token Scope, ImmutableArray<NameSyntax> Order) : SchemeItemSyntax(Span);
