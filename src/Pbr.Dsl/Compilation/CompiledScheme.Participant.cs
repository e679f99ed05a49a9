using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Binding;

namespace Pbr.Dsl.Compilation;

internal sealed partial class CompiledScheme
{
    public EvaluationResult EvaluateParticipant(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(evidence);
        var subject = participant.Id.Value;
        List<EvaluationProblem>? problems = null;
        void Problem(ProblemKind kind, string message) =>
            (problems ??= []).Add(new EvaluationProblem(kind, contract.Id, subject, message));

        var frame = NewFrame(contract);
        if (frame is null)
        {
            Problem(ProblemKind.BadData, $"contract '{contract.Id}' is not declared with scheme '{Id}', so its terms are unknown");
            return Result(null, problems);
        }

        if (participant.StartDate < contract.StartsOn || participant.StartDate > contract.EndsOn)
        {
            Problem(ProblemKind.BadData, $"start date {Text.Date(participant.StartDate)} is outside the start dates contract '{contract.Id}' accepts ({Text.Date(contract.StartsOn)} to {Text.Date(contract.EndsOn)})");
            return Result(null, problems);
        }

        frame[_bound.Slots.StartDate] = participant.StartDate;
        foreach (var attribute in _bound.Attributes)
        {
            if (ReadAttribute(attribute, participant.Attributes) is { } error)
            {
                Problem(ProblemKind.BadData, error);
            }
            else
            {
                frame[attribute.Slot] = ParseAttribute(attribute, participant.Attributes[attribute.Name]);
            }
        }

        if (problems is not null)
        {
            return Result(null, problems);
        }

        var selected = Select(evidence, knownAt, participant.Id, contract.Id, v => Problem(ProblemKind.BadData,
            $"evidence '{v.Id}' is of kind '{v.Kind}', which scheme '{Id}' does not declare"));

        var rows = new CompiledTable.Row?[_tables.Length];
        for (var i = 0; i < _tables.Length; i++)
        {
            rows[i] = _tables[i].Resolve(frame);
        }

        var steps = new CompiledTaper.Step?[_tapers.Length];
        for (var i = 0; i < _tapers.Length; i++)
        {
            steps[i] = _tapers[i].Resolve(frame);
        }

        var discount = contract.Discount.ToRate().Value;
        var timelines = new Dictionary<string, SpellTimeline>(StringComparer.Ordinal);
        SpellTimeline Timeline(string kind)
        {
            if (!timelines.TryGetValue(kind, out var timeline))
            {
                timeline = SpellTimeline.Build(selected.Where(v => v.Kind == kind), participant.StartDate, asOf);
                timelines[kind] = timeline;
            }

            return timeline;
        }

        var firstDue = new LocalDate?[_bound.Outcomes.Length];
        var lines = new List<Entitlement>();
        foreach (var outcome in _outcomes)
        {
            if (Unpriced(outcome, rows, steps, frame) is { } missing)
            {
                Problem(ProblemKind.NoRuleApplies, $"outcome '{outcome.Name}': {missing}");
                continue;
            }

            try
            {
                var dues = DueDates(outcome, participant, asOf, firstDue, Timeline, frame);
                if (dues.Count > 0)
                {
                    firstDue[outcome.Bound.Index] = dues[0].Date;
                }

                for (var i = 0; i < dues.Count; i++)
                {
                    if (outcome.Guard is not null && !outcome.Guard(frame))
                    {
                        continue;
                    }

                    var line = Price(contract, participant, outcome, i + 1, dues[i], frame, rows, steps, discount);
                    if (line is not null)
                    {
                        lines.Add(line);
                    }
                }
            }
            catch (Exception e) when (e is OverflowException or DivideByZeroException or ArgumentOutOfRangeException)
            {
                Problem(ProblemKind.BadData, $"outcome '{outcome.Name}' could not be computed exactly: {e.Message}");
            }
        }

        lines = ApplyParticipantCaps(lines, frame);
        lines.Sort((a, b) =>
        {
            var c = OutcomeOrder(a.Outcome).CompareTo(OutcomeOrder(b.Outcome));
            return c != 0 ? c : a.Instalment.CompareTo(b.Instalment);
        });
        return Result(lines, problems);
    }

    public string? CohortOf(ContractTerms contract, Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return HasCohorts ? QuarterName(participant.StartDate) : null;
    }

    private int OutcomeOrder(string name)
    {
        for (var i = 0; i < _bound.Outcomes.Length; i++)
        {
            if (_bound.Outcomes[i].Name == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static EvaluationResult Result(List<Entitlement>? lines, List<EvaluationProblem>? problems) =>
        lines is null && problems is null
            ? EvaluationResult.Empty
            : new EvaluationResult(lines is null ? [] : [.. lines], problems is null ? [] : [.. problems]);

    /// <summary>Picks, per evidence id, the version with the greatest RecordedOn on or before K; keeps the verified ones of declared kinds.</summary>
    private List<EvidenceVersion> Select(
        IReadOnlyList<EvidenceVersion> evidence, LocalDate knownAt, ParticipantId participant, ContractId contract, Action<EvidenceVersion> unknownKind)
    {
        var latest = new Dictionary<EvidenceId, EvidenceVersion>();
        foreach (var v in evidence)
        {
            if (v.RecordedOn > knownAt || v.Participant != participant || v.Contract != contract)
            {
                continue;
            }

            if (!latest.TryGetValue(v.Id, out var current) || v.RecordedOn > current.RecordedOn
                || (v.RecordedOn == current.RecordedOn && Tiebreak(v, current) > 0))
            {
                latest[v.Id] = v;
            }
        }

        var selected = new List<EvidenceVersion>(latest.Count);
        foreach (var v in latest.Values)
        {
            if (!_bound.EvidenceKinds.Any(k => k.Name == v.Kind))
            {
                unknownKind(v);
                continue;
            }

            if (v.Status == EvidenceStatus.Verified)
            {
                selected.Add(v);
            }
        }

        selected.Sort((a, b) => a.Id.CompareTo(b.Id));
        return selected;
    }

    // Two versions with the same id and date are a conflict the importer rejects; if one slips
    // through, a fixed order keeps the result independent of the order of the rows.
    private static int Tiebreak(EvidenceVersion a, EvidenceVersion b)
    {
        var c = a.Status.CompareTo(b.Status);
        if (c != 0)
        {
            return -c;
        }

        c = a.StartDate.CompareTo(b.StartDate);
        return c != 0 ? c : Nullable.Compare(a.EndDate, b.EndDate);
    }

    private static string? ReadAttribute(BoundAttribute attribute, ImmutableSortedDictionary<string, string> values)
    {
        if (!values.TryGetValue(attribute.Name, out var text))
        {
            return $"participant has no value for attribute '{attribute.Name}'";
        }

        var ok = attribute.Type.Kind switch
        {
            TypeKind.Enumeration => attribute.Type.Values.Contains(text),
            TypeKind.Int or TypeKind.Days or TypeKind.Weeks => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            TypeKind.Rate => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            TypeKind.Money => Money.Parse(text).Success,
            TypeKind.Bool => text is "true" or "false",
            TypeKind.Date => LocalDatePattern.Iso.Parse(text).Success,
            _ => true,
        };
        return ok ? null : attribute.Type.Kind == TypeKind.Enumeration
            ? $"\"{text}\" is not one of the values of '{attribute.Name}'"
            : $"\"{text}\" is not a valid {attribute.Type} for attribute '{attribute.Name}'";
    }

    private static object ParseAttribute(BoundAttribute attribute, string text) => attribute.Type.Kind switch
    {
        TypeKind.Enumeration => attribute.Type.Values[attribute.Type.Values.IndexOf(text)],
        TypeKind.Int or TypeKind.Days => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        TypeKind.Weeks => checked(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) * 7),
        TypeKind.Rate => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture),
        TypeKind.Money => Money.Parse(text).Value.Pence,
        TypeKind.Bool => text == "true",
        TypeKind.Date => LocalDatePattern.Iso.Parse(text).Value,
        _ => text,
    };

    private string? Unpriced(CompiledOutcome outcome, CompiledTable.Row?[] rows, CompiledTaper.Step?[] steps, object?[] frame)
    {
        foreach (var (table, _) in outcome.Bound.Uses.Cells)
        {
            if (rows[table] is null)
            {
                var t = _bound.Tables[table];
                var date = t.EffectiveOnSlot is int slot && frame[slot] is LocalDate d ? $" effective on {Text.Date(d)}" : string.Empty;
                return $"table '{t.Name}' has no row for {Text.Value(t.Key.Type, frame[t.Key.Slot] ?? string.Empty)}{date}";
            }
        }

        foreach (var taper in outcome.Bound.Uses.Tapers)
        {
            if (steps[taper] is null)
            {
                var t = _bound.Tapers[taper];
                var date = frame[t.OnSlot] is LocalDate d ? Text.Date(d) : "?";
                return $"taper '{t.Name}' has no step for {t.OnName} {date}";
            }
        }

        return null;
    }
}
