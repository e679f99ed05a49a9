using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;

namespace Pbr.Engine.Tests.Fixtures;

/// <summary>
/// A small hand-written scheme for testing the engine and the ledger without the tariff language.
/// Its rules, which every expected value in the tests is computed from by hand:
/// A participant whose <c>payment_group</c> is not <c>easy</c> or <c>hard</c> is a <see cref="ProblemKind.BadData"/> problem.
/// <list type="bullet">
/// <item><c>attachment</c> (instalment 1): £100.00 once the participant has started (start ≤ as-of), due on the start date.</item>
/// <item><c>job</c> (instalment 1): £1,000.00 for the earliest verified <c>employment</c> spell (latest version known at K)
/// that starts within 90 days after the participant's start and has lasted 28 days by the as-of date
/// (open, or ending on or after start + 27); due on spell start + 28 days.</item>
/// <item><c>sustain</c> (instalments 1..3): £250.00 for every further full 28 days of that spell, at most 3.</item>
/// <item>cohort <c>yyyy-Qn</c> by start quarter, outcome <c>cohort_bonus</c> (instalment 1): once 90 days after the quarter's
/// end have passed, £50.00 per member with a job outcome; no line when that is zero.</item>
/// </list>
/// </summary>
/// <param name="cohorts">False for a scheme that prices participants only (the cohort rule left out).</param>
public sealed class ToyScheme(bool cohorts = true) : ISchemeRules
{
    public static readonly Money AttachmentFee = Money.FromPounds(100);
    public static readonly Money JobFee = Money.FromPounds(1000);
    public static readonly Money SustainFee = Money.FromPounds(250);
    public static readonly Money CohortFee = Money.FromPounds(50);

    public SchemeId Id { get; } = new("toy");

    public IReadOnlyList<AttributeDeclaration> ParticipantAttributes { get; } =
        [new AttributeDeclaration("payment_group", AttributeType.Enumeration, ["easy", "hard"])];

    public IReadOnlyList<EvidenceKindDeclaration> EvidenceKinds { get; } =
        [new EvidenceKindDeclaration("employment", EvidenceShape.Spell, [])];

    public bool HasCohorts => cohorts;

    public EvaluationResult EvaluateParticipant(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var lines = ImmutableArray.CreateBuilder<Entitlement>();
        if (participant.Attributes.GetValueOrDefault("payment_group") is not ("easy" or "hard"))
        {
            // Bad data is reported, never priced as zero.
            return new EvaluationResult([], [new EvaluationProblem(ProblemKind.BadData, contract.Id, participant.Id.Value, "payment_group is neither easy nor hard")]);
        }

        if (participant.StartDate > asOf)
        {
            return EvaluationResult.Empty;
        }

        lines.Add(Line(contract, participant.Id, "attachment", 1, AttachmentFee, participant.StartDate, [], "attachment_fee"));
        if (JobSpell(participant, evidence, asOf, knownAt) is { } spell)
        {
            var jobDue = spell.StartDate.PlusDays(28);
            lines.Add(Line(contract, participant.Id, "job", 1, JobFee, jobDue, [spell.Id], "job_outcome"));
            for (var k = 1; k <= 3; k++)
            {
                var due = jobDue.PlusDays(28 * k);
                var lastDay = due.PlusDays(-1);
                if (due > asOf || (spell.EndDate is { } end && end < lastDay))
                {
                    break;
                }

                lines.Add(Line(contract, participant.Id, "sustain", k, SustainFee, due, [spell.Id], "sustainment"));
            }
        }

        return new EvaluationResult(lines.ToImmutable(), []);
    }

    public string? CohortOf(ContractTerms contract, Participant participant) => !cohorts ? null :
        string.Create(CultureInfo.InvariantCulture, $"{participant.StartDate.Year}-Q{((participant.StartDate.Month - 1) / 3) + 1}");

    public EvaluationResult EvaluateCohort(
        ContractTerms contract, string cohort, IReadOnlyList<Participant> participants, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var year = int.Parse(cohort[..4], CultureInfo.InvariantCulture);
        var quarter = cohort[^1] - '0';
        var quarterEnd = new LocalDate(year, quarter * 3, 1).PlusMonths(1).PlusDays(-1);
        var closes = quarterEnd.PlusDays(90);
        if (closes > asOf)
        {
            return EvaluationResult.Empty;
        }

        var spells = participants
            .Select(p => JobSpell(p, evidence.Where(e => e.Participant == p.Id).ToList(), asOf, knownAt))
            .OfType<EvidenceVersion>()
            .ToList();
        if (spells.Count == 0)
        {
            return EvaluationResult.Empty;
        }

        var line = new Entitlement(
            contract.Id, null, cohort, "cohort_bonus", 1, CohortFee.Times(spells.Count), closes,
            [.. spells.Select(s => s.Id)], "cohort_bonus", Explanation.None);
        return new EvaluationResult([line], []);
    }

    private static EvidenceVersion? JobSpell(Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt) =>
        evidence
            .Where(e => e.RecordedOn <= knownAt && e.Kind == "employment")
            .GroupBy(e => e.Id)
            .Select(g => g.MaxBy(e => e.RecordedOn)!)
            .Where(e => e.Status == EvidenceStatus.Verified)
            .Where(e => e.StartDate >= participant.StartDate && e.StartDate <= participant.StartDate.PlusDays(90))
            .Where(e => e.StartDate.PlusDays(28) <= asOf && (e.EndDate is not { } end || end >= e.StartDate.PlusDays(27)))
            .OrderBy(e => e.StartDate)
            .ThenBy(e => e.Id)
            .FirstOrDefault();

    private static Entitlement Line(
        ContractTerms contract, ParticipantId participant, string outcome, int instalment, Money amount, LocalDate due, ImmutableArray<EvidenceId> evidence, string rule) =>
        new(contract.Id, participant, null, outcome, instalment, amount, due, evidence, rule, Explanation.None);
}
