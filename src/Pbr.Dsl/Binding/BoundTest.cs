using System.Collections.Immutable;
using NodaTime;
using Pbr.Core.Model;

namespace Pbr.Dsl.Binding;

/// <summary>An in-language test after binding: inputs ready to evaluate and the exact lines expected.</summary>
internal sealed record BoundTest(
    string Name,
    string Location,
    BoundContract Contract,
    string? Cohort,
    ImmutableArray<Participant> Participants,
    ImmutableArray<EvidenceVersion> Evidence,
    LocalDate AsOf,
    LocalDate KnownAt,
    ImmutableArray<ExpectedLine> Lines,
    ImmutableArray<ProblemKind> Problems);
