using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Engine.Explaining;

/// <summary>
/// Everything PbrEngine can say about one participant of one contract: each line ever posted for them,
/// with the reasons as they stood at the run that posted it, and what is due now. Its JSON form is the
/// versioned trace <c>pbr.trace.v1</c> (docs/trace.md).
/// </summary>
public sealed record ParticipantTrace(
    ContractId Contract,
    ParticipantId Participant,
    LocalDate AsOf,
    LocalDate KnownAt,
    ImmutableArray<PostedEntry> Posted,
    ImmutableArray<DueEntry> DueNow,
    ImmutableArray<EvaluationProblem> Problems)
{
    /// <summary>The version of the trace's JSON form.</summary>
    public const string Schema = "pbr.trace.v1";
}

/// <summary>
/// One posted line, with the entitlement for its key as the run that posted it computed it, and why
/// the line is what it is (a first payment, a top-up, or a clawback and the evidence behind it).
/// </summary>
public sealed record PostedEntry(
    RunId Run,
    LocalDate RunAsOf,
    LocalDate RunKnownAt,
    string Outcome,
    int Instalment,
    string Kind,
    Money Amount,
    LocalDate DueDate,
    string Rule,
    string TariffSha256,
    ImmutableArray<EvidenceId> EvidenceIds,
    Money PostedBefore,
    Money DueAtRun,
    Explanation? Explanation,
    string Reason);

/// <summary>One line due as of the trace's date, with what has been posted for its key so far.</summary>
public sealed record DueEntry(
    string Outcome,
    int Instalment,
    Money Amount,
    LocalDate DueDate,
    string Rule,
    ImmutableArray<EvidenceId> EvidenceIds,
    Explanation Explanation,
    Money PostedSoFar)
{
    /// <summary>Gets what the next run would post for this key.</summary>
    public Money Outstanding => Amount - PostedSoFar;
}
