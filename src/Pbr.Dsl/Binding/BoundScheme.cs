using System.Collections.Immutable;
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
