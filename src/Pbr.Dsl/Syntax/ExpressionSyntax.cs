using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

// Expressions are small and side-effect free: literals, names, member reads, arithmetic and
// comparisons. There are no calls and no loops, so every evaluation is bounded.

/// <summary>An expression.</summary>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A literal: integer, decimal, percentage, money, date, text, <c>true</c> or <c>false</c>.</summary>
public sealed record LiteralExpressionSyntax(TextSpan Span, Token Literal) : ExpressionSyntax(Span);

/// <summary>A duration such as <c>26 weeks</c> or <c>547 days</c>.</summary>
public sealed record DurationExpressionSyntax(TextSpan Span, Token Number, Token Unit) : ExpressionSyntax(Span);

/// <summary>A name: an attribute, a term, a taper, a cohort measure or <c>start_date</c>.</summary>
public sealed record NameExpressionSyntax(TextSpan Span, NameSyntax Name) : ExpressionSyntax(Span);

/// <summary>A table column read for the participant, e.g. <c>fees.job_outcome</c>.</summary>
public sealed record MemberExpressionSyntax(TextSpan Span, NameSyntax Target, NameSyntax Member) : ExpressionSyntax(Span);

/// <summary>A prefix operator: <c>-</c> or <c>not</c>.</summary>
public sealed record UnaryExpressionSyntax(TextSpan Span, Token Operator, ExpressionSyntax Operand) : ExpressionSyntax(Span);

/// <summary>An infix operator: arithmetic, comparison, <c>and</c>, <c>or</c>.</summary>
public sealed record BinaryExpressionSyntax(TextSpan Span, ExpressionSyntax Left, Token Operator, ExpressionSyntax Right)
    : ExpressionSyntax(Span);

/// <summary>An expression in parentheses.</summary>
public sealed record ParenthesizedExpressionSyntax(TextSpan Span, ExpressionSyntax Inner) : ExpressionSyntax(Span);

/// <summary>A type as written: a type word (<c>money</c>, <c>weeks</c>…) or <c>one of "A", "B"</c>.</summary>
public sealed record TypeSyntax(TextSpan Span, Token? Word, ImmutableArray<Token> Values) : SyntaxNode(Span);
