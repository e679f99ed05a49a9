using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed partial class ProgramBinder
{
    private BoundTest? BindTest(SourceFile file, TestSyntax syntax)
    {
        var name = syntax.Name.Value as string ?? string.Empty;
        var at = Loc(file, syntax.Name.IsMissing ? syntax.Span : syntax.Name.Span);
        BoundContract? contract = null;
        string? cohort = null;
        LocalDate? asOf = null;
        LocalDate? knownAt = null;
        var ok = true;
        var participants = new List<Participant>();
        var evidence = new List<(TestEvidenceSyntax Syntax, EvidenceVersion Version)>();
        var lines = ImmutableArray.CreateBuilder<ExpectedLine>();
        var problems = ImmutableArray.CreateBuilder<ProblemKind>();
        var expects = 0;

        var contractItem = syntax.Items.OfType<TestContractSyntax>().FirstOrDefault();
        if (contractItem is null)
        {
            _diagnostics.TestMissing(at, "its contract ('contract \"ID\"')");
            ok = false;
        }
        else if (!contractItem.Id.IsMissing && !_contracts.TryGetValue(contractItem.Id.Value as string ?? string.Empty, out contract))
        {
            _diagnostics.TestUnknownContract(Loc(file, contractItem.Id.Span), contractItem.Id.Value as string ?? string.Empty);
            ok = false;
        }

        var scheme = contract?.Scheme;
        foreach (var item in syntax.Items)
        {
            switch (item)
            {
                case TestCohortSyntax c:
                    cohort = c.Name.Value as string;
                    break;
                case TestAsOfSyntax a:
                    asOf = a.AsOf.Value as LocalDate?;
                    knownAt = a.KnownAt?.Value as LocalDate?;
                    break;
                case TestParticipantSyntax p:
                    ok &= AddParticipant(file, participants, p.Id, p.Id.Value as string ?? string.Empty, p.Starts, p.Attributes, scheme, contract);
                    break;
                case TestParticipantsSyntax many:
                {
                    var first = many.First.Value as long? ?? 0;
                    var last = many.Last.Value as long? ?? 0;
                    for (var n = first; n <= last && n - first < 100_000; n++)
                    {
                        var id = (many.Prefix.Value as string ?? string.Empty) + n.ToString(CultureInfo.InvariantCulture);
                        ok &= AddParticipant(file, participants, many.Prefix, id, many.Starts, many.Attributes, scheme, contract);
                    }

                    break;
                }

                case TestEvidenceSyntax e:
                    if (BindTestEvidence(file, e, scheme, contract) is { } version)
                    {
                        evidence.Add((e, version));
                    }
                    else
                    {
                        ok = false;
                    }

                    break;
                case TestExpectNoLinesSyntax:
                    expects++;
                    break;
                case TestExpectProblemSyntax problem:
                    expects++;
                    ProblemKind? kind = problem.Kind.Text switch
                    {
                        "no_rule_applies" => ProblemKind.NoRuleApplies,
                        "rules_conflict" => ProblemKind.RulesConflict,
                        "bad_data" => ProblemKind.BadData,
                        _ => null,
                    };
                    if (kind is null)
                    {
                        if (!problem.Kind.IsMissing)
                        {
                            _diagnostics.TestUnknownProblemKind(Loc(file, problem.Kind.Span), problem.Kind.Text);
                        }

                        ok = false;
                    }
                    else
                    {
                        problems.Add(kind.Value);
                    }

                    break;
                case TestExpectLineSyntax line:
                    expects++;
                    ok &= BindExpectedLines(file, line, scheme, lines);
                    break;
            }
        }

        if (asOf is null)
        {
            _diagnostics.TestMissing(at, "its as-of date ('as of yyyy-MM-dd')");
            ok = false;
        }

        if (participants.Count == 0)
        {
            _diagnostics.TestMissing(at, "a participant ('participant \"P1\" starts yyyy-MM-dd')");
            ok = false;
        }

        // Evidence without 'for' belongs to the only participant; with several participants it must say whose.
        var versions = ImmutableArray.CreateBuilder<EvidenceVersion>();
        foreach (var (e, version) in evidence)
        {
            if (e.For is null)
            {
                if (participants.Count > 1)
                {
                    _diagnostics.TestAmbiguousParticipant(Loc(file, e.Id.Span));
                    ok = false;
                    continue;
                }

                versions.Add(participants.Count == 1 ? version with { Participant = participants[0].Id } : version);
            }
            else if (!participants.Exists(p => p.Id == version.Participant))
            {
                _diagnostics.TestUnknownParticipant(Loc(file, e.For.Span), version.Participant.Value);
                ok = false;
            }
            else
            {
                versions.Add(version);
            }
        }

        if (expects == 0)
        {
            _diagnostics.TestWithoutExpectation(at, name);
        }

        if (!ok || contract is null || asOf is null)
        {
            return null;
        }

        return new BoundTest(
            name,
            file.Location(syntax.Name.Span),
            contract,
            cohort,
            [.. participants],
            versions.ToImmutable(),
            asOf.Value,
            knownAt ?? asOf.Value,
            lines.ToImmutable(),
            problems.ToImmutable());
    }

    private bool AddParticipant(
        SourceFile file,
        List<Participant> participants,
        Token idToken,
        string id,
        Token starts,
        ImmutableArray<TestAttributeSyntax> attributes,
        BoundScheme? scheme,
        BoundContract? contract)
    {
        if (idToken.IsMissing || starts.IsMissing)
        {
            return false;
        }

        if (participants.Exists(p => p.Id.Value == id))
        {
            _diagnostics.TestDuplicateParticipant(Loc(file, idToken.Span), id);
            return false;
        }

        var ok = true;
        var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (scheme is not null && !scheme.Attributes.Any(a => a.Name == attribute.Name.Text))
            {
                _diagnostics.TestUnknownAttribute(Loc(file, attribute.Name.Span), attribute.Name.Text, scheme.Name);
                ok = false;
                continue;
            }

            values[attribute.Name.Text] = attribute.Value.Value as string ?? attribute.Value.Text;
        }

        participants.Add(new Participant(
            new ParticipantId(id),
            contract?.Terms.Id ?? default,
            starts.Value as LocalDate? ?? default,
            values.ToImmutable()));
        return ok;
    }

    private EvidenceVersion? BindTestEvidence(SourceFile file, TestEvidenceSyntax e, BoundScheme? scheme, BoundContract? contract)
    {
        var ok = true;
        var kind = scheme?.EvidenceKinds.FirstOrDefault(k => k.Name == e.Kind.Text);
        if (scheme is not null && kind is null)
        {
            _diagnostics.UnknownEvidenceKind(Loc(file, e.Kind.Span), e.Kind.Text);
            ok = false;
        }

        if (kind is not null)
        {
            if (kind.Shape == EvidenceShape.Event && e.DateKeyword.Text != "on")
            {
                _diagnostics.TestWrongDateForm(Loc(file, e.DateKeyword.Span), kind.Name, "an event: write 'on yyyy-MM-dd'");
                ok = false;
            }
            else if (kind.Shape == EvidenceShape.Spell && e.DateKeyword.Text != "from")
            {
                _diagnostics.TestWrongDateForm(Loc(file, e.DateKeyword.Span), kind.Name, "a spell: write 'from yyyy-MM-dd [to yyyy-MM-dd]'");
                ok = false;
            }
        }

        EvidenceStatus? status = e.Status.Text switch
        {
            "verified" => EvidenceStatus.Verified,
            "pending" => EvidenceStatus.Pending,
            "rejected" => EvidenceStatus.Rejected,
            "revoked" => EvidenceStatus.Revoked,
            _ => null,
        };
        if (status is null)
        {
            if (!e.Status.IsMissing)
            {
                _diagnostics.TestUnknownStatus(Loc(file, e.Status.Span), e.Status.Text);
            }

            ok = false;
        }

        if (!ok || e.Id.IsMissing || e.Start.IsMissing)
        {
            return null;
        }

        var start = e.Start.Value as LocalDate? ?? default;
        return new EvidenceVersion(
            new EvidenceId(e.Id.Value as string ?? string.Empty),
            new ParticipantId(e.For?.Value as string ?? string.Empty),
            contract?.Terms.Id ?? default,
            e.Kind.Text,
            start,
            e.End?.Value as LocalDate?,
            status!.Value,
            e.Recorded?.Value as LocalDate? ?? start,
            ImmutableSortedDictionary<string, string>.Empty);
    }

    private bool BindExpectedLines(SourceFile file, TestExpectLineSyntax line, BoundScheme? scheme, ImmutableArray<ExpectedLine>.Builder lines)
    {
        if (line.Outcome.IsMissing || line.Amount.IsMissing || line.Due.IsMissing)
        {
            return false;
        }

        if (scheme is not null && !scheme.Outcomes.Any(o => o.Name == line.Outcome.Text) && !scheme.CohortOutcomes.Any(o => o.Name == line.Outcome.Text))
        {
            _diagnostics.TestUnknownOutcome(Loc(file, line.Outcome.Span), line.Outcome.Text, scheme.Name);
            return false;
        }

        var first = line.Instalment?.Value as long? ?? 1;
        var last = line.LastInstalment?.Value as long? ?? first;
        var every = line.EveryDays?.Value as long?;
        if (last < first || (last > first && every is null) || (every is not null && line.LastInstalment is null) || last - first > 10_000)
        {
            _diagnostics.TestBadInstalments(Loc(file, line.Span));
            return false;
        }

        var due = line.Due.Value as LocalDate? ?? default;
        var pence = line.Amount.Value as long? ?? 0;
        for (var n = first; n <= last; n++)
        {
            lines.Add(new ExpectedLine(line.Outcome.Text, (int)n, pence, due.PlusDays((int)((n - first) * (every ?? 0))), file.Location(line.Span)));
        }

        return true;
    }
}
