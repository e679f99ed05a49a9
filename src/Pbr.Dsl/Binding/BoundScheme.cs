using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A scheme after binding: every name resolved, every type checked, tables analysed.</summary>
internal sealed record BoundScheme(
    string Name,
    SourceFile File,
    SchemeSyntax Syntax,
    Rounding Rounding,
    ImmutableArray<BoundAttribute> Attributes,
    ImmutableArray<BoundEvidenceKind> EvidenceKinds,
    ImmutableArray<BoundTerm> Terms,
    ImmutableArray<BoundTable> Tables,
    ImmutableArray<BoundTaper> Tapers,
    ImmutableArray<BoundOutcome> Outcomes,
    BoundCohort? Cohort,
    ImmutableArray<BoundCohortOutcome> CohortOutcomes,
    ImmutableArray<BoundCap> Caps,
    BoundSlots Slots);

/// <summary>The slots of the evaluation frame that built-in names occupy, and how many slots there are.</summary>
internal sealed record BoundSlots(int Count, int StartDate, int CohortSize, int BinaryRate, int FrequencyRate);

internal sealed record BoundAttribute(string Name, PbrType Type, int Slot, TextSpan Span);

internal sealed record BoundEvidenceKind(string Name, EvidenceShape Shape, ImmutableArray<BoundAttribute> Attributes, TextSpan Span);

internal sealed record BoundTerm(string Name, PbrType Type, int Slot, TextSpan Span);

internal sealed record BoundColumn(string Name, PbrType Type, int Slot, TextSpan Span);

/// <summary>A row of a table: its key value, effective period and constant cells (boxed once, at compile time).</summary>
internal sealed record BoundRow(string Key, LocalDate? From, LocalDate? Until, ImmutableArray<object> Cells, TextSpan Span);

internal sealed record BoundTable(
    string Name, BoundAttribute Key, int? EffectiveOnSlot, string? EffectiveOnName, ImmutableArray<BoundColumn> Columns, ImmutableArray<BoundRow> Rows, TextSpan Span);

internal sealed record BoundTaperStep(LocalDate? From, LocalDate? Until, decimal Rate, TextSpan Span);

internal sealed record BoundTaper(string Name, int Slot, int OnSlot, string OnName, ImmutableArray<BoundTaperStep> Steps, TextSpan Span);

/// <summary>What an outcome's figures depend on, for explanations and for "no rule applies".</summary>
internal sealed record BoundUses(ImmutableArray<(int Table, int Column)> Cells, ImmutableArray<int> Tapers);

internal abstract record BoundTrigger(TextSpan Span);

internal sealed record BoundOnStart(TextSpan Span) : BoundTrigger(Span);

internal sealed record BoundThreshold(TextSpan Span, bool Continuous, string Evidence, BoundExpression Reaches, BoundExpression Within)
    : BoundTrigger(Span);

internal sealed record BoundRecurring(TextSpan Span, BoundExpression Every, string Evidence, int After, BoundExpression AtMost)
    : BoundTrigger(Span);

internal sealed record BoundOutcome(
    string Name, int Index, TextSpan Span, BoundTrigger Trigger, BoundExpression? Guard, BoundExpression Pay, Rounding Rounding, BoundUses Uses,
    string PayText);

internal sealed record BoundCohort(string Evidence, BoundExpression OccurringWithin, BoundExpression RecordedWithin, BoundExpression SettlesAfter, TextSpan Span);

internal sealed record BoundCohortOutcome(
    string Name, int Index, TextSpan Span, BoundExpression? Guard, BoundExpression Pay, Rounding Rounding, string PayText, string GuardText);

internal sealed record BoundCap(BoundExpression Amount, bool PerCohort, ImmutableArray<int> Order, TextSpan Span, string AmountText);
