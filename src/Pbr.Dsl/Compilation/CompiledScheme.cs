using System.Collections.Frozen;
using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>
/// A scheme compiled to delegates: the calculator's view of it. Built once per source hash; all
/// tables, tapers and explanation texts of table cells are prepared here, so that pricing a
/// participant reads slots and runs delegates and never looks at syntax.
/// </summary>
internal sealed partial class CompiledScheme : ISchemeRules, IParticipantPricer
{
    private readonly BoundScheme _bound;
    private readonly SourceFile _file;
    private readonly CompiledOutcome[] _outcomes;
    private readonly CompiledCohortOutcome[] _cohortOutcomes;
    private readonly CompiledCap[] _caps;
    private readonly FrozenDictionary<string, object?[]> _contractTerms;
    private readonly CompiledTable[] _tables;
    private readonly CompiledTaper[] _tapers;
    private readonly Func<object?[], long>? _cohortOccurring;
    private readonly Func<object?[], long>? _cohortRecorded;
    private readonly Func<object?[], long>? _cohortSettles;
    private readonly int[] _outcomeSlot;
    private const int ArithmeticCacheLimit = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, decimal, decimal, Rounding), ArithmeticWords> _arithmetic = new();
    private DiscountWords? _lastDiscount;

    public CompiledScheme(BoundScheme bound, IEnumerable<BoundContract> contracts)
    {
        _bound = bound;
        _file = bound.File;
        Id = new SchemeId(bound.Name);
        ParticipantAttributes = [.. bound.Attributes.Select(a => new AttributeDeclaration(a.Name, ToAttributeType(a.Type), a.Type.Values.IsDefault ? [] : a.Type.Values))];
        EvidenceKinds = [.. bound.EvidenceKinds.Select(k => new EvidenceKindDeclaration(
            k.Name, k.Shape, [.. k.Attributes.Select(a => new AttributeDeclaration(a.Name, ToAttributeType(a.Type), a.Type.Values.IsDefault ? [] : a.Type.Values))]))];
        _contractTerms = contracts
            .Where(c => c.Scheme.Name == bound.Name)
            .ToFrozenDictionary(c => c.Terms.Id.Value, c => TermFrame(bound, c), StringComparer.Ordinal);
        _tables = [.. bound.Tables.Select(t => new CompiledTable(t, _file))];
        _tapers = [.. bound.Tapers.Select(t => new CompiledTaper(t, _file))];
        _outcomes = [.. EvaluationOrder(bound.Outcomes).Select(o => new CompiledOutcome(o, _file))];
        _outcomeSlot = new int[_outcomes.Length];
        for (var i = 0; i < _outcomes.Length; i++)
        {
            _outcomeSlot[_outcomes[i].Bound.Index] = i;
        }

        _cohortOutcomes = [.. bound.CohortOutcomes.Select(o => new CompiledCohortOutcome(o, _file))];
        _caps = [.. bound.Caps.Select(c => new CompiledCap(c, ExpressionCompiler.Compile<long>(c.Amount)))];
        if (bound.Cohort is { } cohort)
        {
            _cohortOccurring = ExpressionCompiler.Compile<long>(cohort.OccurringWithin);
            _cohortRecorded = ExpressionCompiler.Compile<long>(cohort.RecordedWithin);
            _cohortSettles = ExpressionCompiler.Compile<long>(cohort.SettlesAfter);
        }
    }

    public SchemeId Id { get; }

    public IReadOnlyList<AttributeDeclaration> ParticipantAttributes { get; }

    public IReadOnlyList<EvidenceKindDeclaration> EvidenceKinds { get; }

    public bool HasCohorts => _bound.Cohort is not null;

    private static object?[] TermFrame(BoundScheme scheme, BoundContract contract)
    {
        var frame = new object?[scheme.Slots.Count];
        foreach (var (slot, value) in contract.TermValues)
        {
            frame[slot] = value;
        }

        return frame;
    }

    // An outcome that follows another is evaluated after it; the binder has rejected cycles.
    private static List<BoundOutcome> EvaluationOrder(IEnumerable<BoundOutcome> outcomes)
    {
        var pending = outcomes.ToList();
        var ordered = new List<BoundOutcome>();
        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(o => o.Trigger is not BoundRecurring r || r.After < 0 || ordered.Exists(x => x.Index == r.After));
            if (ready < 0)
            {
                ordered.AddRange(pending);
                break;
            }

            ordered.Add(pending[ready]);
            pending.RemoveAt(ready);
        }

        return ordered;
    }

    private static AttributeType ToAttributeType(PbrType type) => type.Kind switch
    {
        TypeKind.Money => AttributeType.Money,
        TypeKind.Rate => AttributeType.Rate,
        TypeKind.Int or TypeKind.Days or TypeKind.Weeks => AttributeType.Integer,
        TypeKind.Bool => AttributeType.Boolean,
        TypeKind.Date => AttributeType.Date,
        TypeKind.Enumeration => AttributeType.Enumeration,
        _ => AttributeType.Text,
    };

    private object?[]? NewFrame(ContractTerms contract)
    {
        if (_contractTerms.TryGetValue(contract.Id.Value, out var terms))
        {
            return (object?[])terms.Clone();
        }

        return _bound.Terms.IsEmpty ? new object?[_bound.Slots.Count] : null;
    }
}
