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
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt) =>
        Evaluate(contract, participant, evidence, asOf, knownAt, (raw, ws) => ToEntitlement(contract, participant, raw, ws, contract.Discount.ToRate().Value));

    public EvaluationResult EvaluateParticipantUnexplained(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt) =>
        Evaluate(contract, participant, evidence, asOf, knownAt, (raw, ws) =>
        {
            var outcome = _bound.Outcomes[raw.Outcome];
            return new Entitlement(
                contract.Id, participant.Id, null, outcome.Name, raw.Instalment, Money.FromPence(raw.Pence), SpellTimeline.Date(raw.Due),
                EvidenceIds(ws, outcome.Trigger, raw, ws.Spells), outcome.Name, Explanation.None);
        });

    private EvaluationResult Evaluate(
        ContractTerms contract,
        Participant participant,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        Func<RawLine, Workspace, Entitlement> toLine)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(evidence);
        List<EvaluationProblem>? problems = null;
        var ws = NewWorkspace();
        Price(contract, participant, evidence, asOf, knownAt, ws, ref problems);
        if (ws.Lines.Count == 0)
        {
            return Result(null, problems);
        }

        var lines = ImmutableArray.CreateBuilder<Entitlement>(ws.Lines.Count);
        foreach (var raw in ws.Lines)
        {
            lines.Add(toLine(raw, ws));
        }

        return new EvaluationResult(lines.MoveToImmutable(), problems is null ? [] : [.. problems]);
    }

    /// <summary>
    /// Prices one participant like <see cref="EvaluateParticipant"/>, without writing explanations:
    /// appends the lines' figures to <paramref name="into"/> and returns false when a problem was found.
    /// </summary>
    public bool PriceParticipant(
        ContractTerms contract, Participant participant, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt, List<LineAmount> into)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(into);
        List<EvaluationProblem>? problems = null;
        var ws = NewWorkspace();
        Price(contract, participant, evidence, asOf, knownAt, ws, ref problems);
        foreach (var raw in ws.Lines)
        {
            into.Add(new LineAmount(_bound.Outcomes[raw.Outcome].Name, raw.Instalment, raw.Pence, SpellTimeline.Date(raw.Due)));
        }

        return problems is null;
    }

    public string? CohortOf(ContractTerms contract, Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return HasCohorts ? QuarterName(participant.StartDate) : null;
    }

    private Workspace NewWorkspace() =>
        Workspace.For(this, _bound.Slots.Count, _tables.Length, _tapers.Length, _bound.EvidenceKinds.Length, _bound.Outcomes.Length);

    private static EvaluationResult Result(List<Entitlement>? lines, List<EvaluationProblem>? problems) =>
        lines is null && problems is null
            ? EvaluationResult.Empty
            : new EvaluationResult(lines is null ? [] : [.. lines], problems is null ? [] : [.. problems]);

    private static void Problem(ref List<EvaluationProblem>? problems, ContractTerms contract, string subject, ProblemKind kind, string message) =>
        (problems ??= []).Add(new EvaluationProblem(kind, contract.Id, subject, message));

    /// <summary>Prices a participant into the workspace's raw lines; problems are added as found.</summary>
    private void Price(
        ContractTerms contract,
        Participant participant,
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate asOf,
        LocalDate knownAt,
        Workspace ws,
        ref List<EvaluationProblem>? problems)
    {
        var subject = participant.Id.Value;
        var frame = ws.Frame;
        if (_contractTerms.TryGetValue(contract.Id.Value, out var terms))
        {
            Array.Copy(terms, frame, terms.Length);
        }
        else if (!_bound.Terms.IsEmpty)
        {
            Problem(ref problems, contract, subject, ProblemKind.BadData, $"contract '{contract.Id}' is not declared with scheme '{Id}', so its terms are unknown");
            return;
        }

        if (participant.StartDate < contract.StartsOn || participant.StartDate > contract.EndsOn)
        {
            Problem(ref problems, contract, subject, ProblemKind.BadData, $"start date {ExplanationText.Date(participant.StartDate)} is outside the start dates contract '{contract.Id}' accepts ({ExplanationText.Date(contract.StartsOn)} to {ExplanationText.Date(contract.EndsOn)})");
            return;
        }

        frame[_bound.Slots.StartDate] = participant.StartDate;
        var bad = false;
        foreach (var attribute in _bound.Attributes)
        {
            if (!ReadAttribute(attribute, participant.Attributes, frame, out var error))
            {
                Problem(ref problems, contract, subject, ProblemKind.BadData, error!);
                bad = true;
            }
        }

        if (bad)
        {
            return;
        }

        Select(evidence, knownAt, participant.Id, contract.Id, ws, ref problems, contract, subject);
        for (var i = 0; i < _tables.Length; i++)
        {
            ws.Rows[i] = _tables[i].Resolve(frame);
        }

        for (var i = 0; i < _tapers.Length; i++)
        {
            ws.Steps[i] = _tapers[i].Resolve(frame);
        }

        var discount = contract.Discount.ToRate().Value;
        var start = SpellTimeline.Day(participant.StartDate);
        var asOfDay = SpellTimeline.Day(asOf);
        foreach (var outcome in _outcomes)
        {
            if (Unpriced(outcome, ws.Rows, ws.Steps, frame) is { } missing)
            {
                Problem(ref problems, contract, subject, ProblemKind.NoRuleApplies, $"outcome '{outcome.Name}': {missing}");
                continue;
            }

            var firstLine = ws.Lines.Count;
            try
            {
                AddDueLines(outcome, start, asOfDay, ws);
                for (var i = firstLine; i < ws.Lines.Count; i++)
                {
                    var raw = ws.Lines[i];
                    if (outcome.Guard is not null && !outcome.Guard(frame))
                    {
                        raw.Pence = 0;
                    }
                    else
                    {
                        raw.Fee = outcome.Pay(frame);
                        raw.Unrounded = discount == 0m ? raw.Fee : raw.Fee * (1m - discount);
                        raw.Pence = new UnroundedMoney(raw.Unrounded).Round(outcome.Bound.Rounding).Pence;
                    }

                    ws.Lines[i] = raw;
                }
            }
            catch (Exception e) when (e is OverflowException or DivideByZeroException or ArgumentOutOfRangeException)
            {
                ws.Lines.RemoveRange(firstLine, ws.Lines.Count - firstLine);
                Problem(ref problems, contract, subject, ProblemKind.BadData, $"outcome '{outcome.Name}' could not be computed exactly: {e.Message}");
            }
        }

        ws.Lines.RemoveAll(static l => l.Pence == 0);
        foreach (var cap in _caps)
        {
            if (cap.Bound.Scope == CapScope.Participant)
            {
                ApplyCap(cap, ws.Lines, frame);
            }
        }

        // Lines are made outcome by outcome, instalment by instalment: usually in order already.
        if (!InOrder(ws.Lines))
        {
            ws.Lines.Sort(static (a, b) => Order(a, b));
        }
    }

    private static int Order(in RawLine a, in RawLine b) => a.Outcome != b.Outcome ? a.Outcome.CompareTo(b.Outcome) : a.Instalment.CompareTo(b.Instalment);

    private static bool InOrder(List<RawLine> lines)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines);
        for (var i = 1; i < span.Length; i++)
        {
            if (Order(span[i - 1], span[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Picks, per evidence id, the version with the greatest RecordedOn on or before K; keeps the verified ones of declared kinds.</summary>
    private void Select(
        IReadOnlyList<EvidenceVersion> evidence,
        LocalDate knownAt,
        ParticipantId participant,
        ContractId contract,
        Workspace ws,
        ref List<EvaluationProblem>? problems,
        ContractTerms terms,
        string subject)
    {
        var latest = ws.Selected;
        for (var i = 0; i < evidence.Count; i++)
        {
            var v = evidence[i];
            if (v.RecordedOn > knownAt || v.Participant != participant || v.Contract != contract)
            {
                continue;
            }

            var at = -1;
            for (var j = 0; j < latest.Count; j++)
            {
                if (latest[j].Id == v.Id)
                {
                    at = j;
                    break;
                }
            }

            if (at < 0)
            {
                latest.Add(v);
            }
            else if (v.RecordedOn > latest[at].RecordedOn || (v.RecordedOn == latest[at].RecordedOn && Tiebreak(v, latest[at]) > 0))
            {
                latest[at] = v;
            }
        }

        for (var i = latest.Count - 1; i >= 0; i--)
        {
            var v = latest[i];
            if (KindIndex(v.Kind) < 0)
            {
                Problem(ref problems, terms, subject, ProblemKind.BadData, $"evidence '{v.Id}' is of kind '{v.Kind}', which scheme '{Id}' does not declare");
                latest.RemoveAt(i);
            }
            else if (v.Status != EvidenceStatus.Verified)
            {
                latest.RemoveAt(i);
            }
        }
    }

    private int KindIndex(string kind)
    {
        for (var i = 0; i < _bound.EvidenceKinds.Length; i++)
        {
            if (string.Equals(_bound.EvidenceKinds[i].Name, kind, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
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

    private static bool ReadAttribute(BoundAttribute attribute, ImmutableSortedDictionary<string, string> values, object?[] frame, out string? error)
    {
        error = null;
        if (!values.TryGetValue(attribute.Name, out var text))
        {
            error = $"participant has no value for attribute '{attribute.Name}'";
            return false;
        }

        object? value = null;
        switch (attribute.Type.Kind)
        {
            case TypeKind.Enumeration:
                foreach (var allowed in attribute.Type.Values)
                {
                    if (string.Equals(allowed, text, StringComparison.Ordinal))
                    {
                        value = allowed;
                        break;
                    }
                }

                if (value is null)
                {
                    error = $"\"{text}\" is not one of the values of '{attribute.Name}'";
                    return false;
                }

                break;
            case TypeKind.Int or TypeKind.Days or TypeKind.Weeks:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && (attribute.Type.Kind != TypeKind.Weeks || Math.Abs(number) < long.MaxValue / 7))
                {
                    value = attribute.Type.Kind == TypeKind.Weeks ? number * 7 : number;
                }

                break;
            case TypeKind.Rate:
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var rate))
                {
                    value = rate;
                }

                break;
            case TypeKind.Money:
                var money = Money.Parse(text);
                value = money.Success ? money.Value.Pence : null;
                break;
            case TypeKind.Bool:
                value = text switch { "true" => true, "false" => false, _ => null };
                break;
            case TypeKind.Date:
                var date = LocalDatePattern.Iso.Parse(text);
                value = date.Success ? date.Value : null;
                break;
            default:
                value = text;
                break;
        }

        if (value is null)
        {
            error = $"\"{text}\" is not a valid {attribute.Type} for attribute '{attribute.Name}'";
            return false;
        }

        frame[attribute.Slot] = value;
        return true;
    }

    private string? Unpriced(CompiledOutcome outcome, CompiledTable.Row?[] rows, CompiledTaper.Step?[] steps, object?[] frame)
    {
        foreach (var (table, _) in outcome.Bound.Uses.Cells)
        {
            if (rows[table] is null)
            {
                var t = _bound.Tables[table];
                var date = t.EffectiveOnSlot is int slot && frame[slot] is LocalDate d ? $" effective on {ExplanationText.Date(d)}" : string.Empty;
                return $"table '{t.Name}' has no row for {ExplanationText.Value(t.Key.Type, frame[t.Key.Slot] ?? string.Empty)}{date}";
            }
        }

        foreach (var taper in outcome.Bound.Uses.Tapers)
        {
            if (steps[taper] is null)
            {
                var t = _bound.Tapers[taper];
                var date = frame[t.OnSlot] is LocalDate d ? ExplanationText.Date(d) : "?";
                return $"taper '{t.Name}' has no step for {t.OnName} {date}";
            }
        }

        return null;
    }
}
