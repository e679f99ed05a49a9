using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A line of a test case.</summary>
public abstract record TestItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>contract "WP-CPA1-ALPHA"</c>.</summary>
public sealed record TestContractSyntax(TextSpan Span, Token Id) : TestItemSyntax(Span);

/// <summary><c>cohort "2012-Q1"</c>: the case prices that cohort instead of one participant.</summary>
public sealed record TestCohortSyntax(TextSpan Span, Token Name) : TestItemSyntax(Span);

/// <summary>An attribute value given to a test participant: <c>payment_group = "JSA 18-24"</c>.</summary>
public sealed record TestAttributeSyntax(TextSpan Span, NameSyntax Name, Token Value) : SyntaxNode(Span);

/// <summary><c>participant "P1" starts 2011-06-01 with payment_group = "JSA 18-24"</c>.</summary>
public sealed record TestParticipantSyntax(TextSpan Span, Token Id, Token Starts, ImmutableArray<TestAttributeSyntax> Attributes)
    : TestItemSyntax(Span);

/// <summary><c>participants "A" 1 to 20 starts 2012-01-15</c>: participants A1 … A20 with no evidence of their own.</summary>
public sealed record TestParticipantsSyntax(
    TextSpan Span, Token Prefix, Token First, Token Last, Token Starts, ImmutableArray<TestAttributeSyntax> Attributes)
    : TestItemSyntax(Span);

/// <summary>
/// <c>employment "E1" [for "P1"] from 2011-06-01 [to 2011-12-31] verified [recorded 2011-06-01]</c>, or for an
/// event <c>proven_reoffence "R1" for "A1" on 2012-03-01 verified recorded 2012-04-01</c>.
/// </summary>
public sealed record TestEvidenceSyntax(
    TextSpan Span, NameSyntax Kind, Token Id, Token? For, Token DateKeyword, Token Start, Token? End, Token Status, Token? Recorded)
    : TestItemSyntax(Span);

/// <summary><c>as of 2012-01-31 [known at 2012-01-31]</c>.</summary>
public sealed record TestAsOfSyntax(TextSpan Span, Token AsOf, Token? KnownAt) : TestItemSyntax(Span);

/// <summary>
/// <c>expect job_outcome £1,200.00 on 2011-11-29</c>, <c>expect sustainment 2 £170.00 on …</c>, or
/// <c>expect sustainment 1 to 13 £170.00 every 28 days from …</c>.
/// </summary>
public sealed record TestExpectLineSyntax(
    TextSpan Span, NameSyntax Outcome, Token? Instalment, Token? LastInstalment, Token Amount, Token Due, Token? EveryDays)
    : TestItemSyntax(Span);

/// <summary><c>expect no lines</c>.</summary>
public sealed record TestExpectNoLinesSyntax(TextSpan Span) : TestItemSyntax(Span);

/// <summary><c>expect problem bad_data</c>: the evaluation must report a problem of that kind.</summary>
public sealed record TestExpectProblemSyntax(TextSpan Span, NameSyntax Kind) : TestItemSyntax(Span);
