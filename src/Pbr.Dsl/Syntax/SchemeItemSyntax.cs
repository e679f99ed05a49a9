using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A declaration or rule inside a scheme.</summary>
public abstract record SchemeItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>rounding half_away_from_zero</c>: how every line of the scheme becomes whole pence.</summary>
public sealed record RoundingSyntax(TextSpan Span, NameSyntax Mode) : SchemeItemSyntax(Span);

/// <summary><c>attribute payment_group: one of "A", "B"</c>: a participant attribute the scheme reads.</summary>
public sealed record AttributeSyntax(TextSpan Span, NameSyntax Name, TypeSyntax Type) : SchemeItemSyntax(Span);

/// <summary><c>evidence employment: spell</c>: an evidence kind, a spell or an event, with attributes.</summary>
public sealed record EvidenceSyntax(TextSpan Span, NameSyntax Name, Token Shape, ImmutableArray<AttributeSyntax> Attributes)
    : SchemeItemSyntax(Span);

/// <summary><c>term baseline_binary: rate</c>: a figure each contract of the scheme must give.</summary>
public sealed record TermSyntax(TextSpan Span, NameSyntax Name, TypeSyntax Type) : SchemeItemSyntax(Span);

/// <summary>
/// <c>table NAME by KEY effective on DATE hit unique columns … rows … end</c>: a tariff table, one
/// row per key value and effective period.
/// </summary>
public sealed record TableSyntax(
    TextSpan Span,
    NameSyntax Name,
    NameSyntax Key,
    NameSyntax? EffectiveOn,
    NameSyntax HitPolicy,
    ImmutableArray<ColumnSyntax> Columns,
    ImmutableArray<TableRowSyntax> Rows) : SchemeItemSyntax(Span);

/// <summary>A column of a table with its type.</summary>
public sealed record ColumnSyntax(TextSpan Span, NameSyntax Name, TypeSyntax Type) : SyntaxNode(Span);

/// <summary><c>"JSA 18-24" from 2011-06-01 until 2016-03-31: £400.00, …</c>: a row of a table.</summary>
public sealed record TableRowSyntax(TextSpan Span, Token Key, Token? From, Token? Until, ImmutableArray<ExpressionSyntax> Cells)
    : SyntaxNode(Span);

/// <summary><c>taper NAME on start_date by financial_year … end</c>: a rate stepping by date.</summary>
public sealed record TaperSyntax(TextSpan Span, NameSyntax Name, NameSyntax On, bool ByFinancialYear, ImmutableArray<TaperStepSyntax> Steps)
    : SchemeItemSyntax(Span);

/// <summary><c>from 2012-04-01 until 2013-03-31: 75%</c>: one step of a taper; either end may be open.</summary>
public sealed record TaperStepSyntax(TextSpan Span, Token? From, Token? Until, ExpressionSyntax Value) : SyntaxNode(Span);

/// <summary><c>outcome NAME due … [when …] pay … [rounded MODE] end</c>: a payment for one participant.</summary>
public sealed record OutcomeSyntax(
    TextSpan Span, NameSyntax Name, TriggerSyntax Trigger, ExpressionSyntax? Guard, ExpressionSyntax Pay, NameSyntax? Rounding)
    : SchemeItemSyntax(Span);

/// <summary>When an outcome falls due.</summary>
public abstract record TriggerSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>due on start</c>: on the participant's start date.</summary>
public sealed record OnStartTriggerSyntax(TextSpan Span) : TriggerSyntax(Span);

/// <summary>
/// <c>due when cumulative employment reaches 26 weeks within 104 weeks</c>: the first day the
/// participant's verified spell time since the start reaches the threshold, inside the window.
/// </summary>
public sealed record ThresholdTriggerSyntax(
    TextSpan Span, Token Mode, NameSyntax Evidence, ExpressionSyntax Reaches, ExpressionSyntax Within) : TriggerSyntax(Span);

/// <summary>
/// <c>due every 4 weeks of continuous employment after job_outcome at most 13 times</c>: recurring
/// instalments counted from the day after another outcome falls due.
/// </summary>
public sealed record RecurringTriggerSyntax(
    TextSpan Span, ExpressionSyntax Every, NameSyntax Evidence, NameSyntax After, ExpressionSyntax AtMost) : TriggerSyntax(Span);

/// <summary>
/// <c>cohort quarterly counts KIND occurring within … after start recorded within … after start
/// settles … after quarter ends end</c>: how participants are grouped and events counted.
/// </summary>
public sealed record CohortSyntax(
    TextSpan Span, NameSyntax Evidence, ExpressionSyntax OccurringWithin, ExpressionSyntax RecordedWithin, ExpressionSyntax SettlesAfter)
    : SchemeItemSyntax(Span);

/// <summary><c>cohort outcome NAME [when …] pay … end</c>: a payment for a whole cohort.</summary>
public sealed record CohortOutcomeSyntax(TextSpan Span, NameSyntax Name, ExpressionSyntax? Guard, ExpressionSyntax Pay, NameSyntax? Rounding)
    : SchemeItemSyntax(Span);

/// <summary><c>cap AMOUNT per cohort in order a, b</c>: a limit and the order it is allocated in.</summary>
public sealed record CapSyntax(TextSpan Span, ExpressionSyntax Amount, Token Scope, ImmutableArray<NameSyntax> Order) : SchemeItemSyntax(Span);
