using System.Collections.Immutable;
using Pbr.Core;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>
/// Binds one scheme: declares its names, gives every value a slot in the evaluation frame, checks
/// every expression's type, analyses tables and tapers for gaps and overlaps, and warns about
/// declarations nothing reads.
/// </summary>
internal sealed partial class SchemeBinder
{
    private readonly SourceFile _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly SchemeSyntax _syntax;
    private readonly Dictionary<string, BoundAttribute> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundEvidenceKind> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundTerm> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableInfo> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaperInfo> _tapers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private BoundSlots _slots = new(0, 0, 1, 2, 3);
    private int _slotCount = 4;
    private List<(int Table, int Column)>? _currentCells;
    private List<int>? _currentTapers;

    private SchemeBinder(SourceFile file, SchemeSyntax syntax, DiagnosticBag diagnostics)
    {
        _file = file;
        _syntax = syntax;
        _diagnostics = diagnostics;
    }

    public static BoundScheme Bind(SourceFile file, SchemeSyntax syntax, DiagnosticBag diagnostics) =>
        new SchemeBinder(file, syntax, diagnostics).Bind();

    private BoundScheme Bind()
    {
        var rounding = BindRounding();
        DeclareNames();
        var tables = _tables.Values.OrderBy(t => t.Index).Select(BindTable).ToImmutableArray();
        var tapers = _tapers.Values.OrderBy(t => t.Index).Select(BindTaper).ToImmutableArray();
        var outcomes = BindOutcomes(rounding);
        var cohort = BindCohort();
        var cohortOutcomes = BindCohortOutcomes(rounding, cohort);
        var caps = BindCaps(outcomes, cohortOutcomes);
        ReportUnused();
        _slots = _slots with { Count = _slotCount };
        return new BoundScheme(
            _syntax.Name.Text,
            _file,
            _syntax,
            rounding,
            [.. _attributes.Values.OrderBy(a => a.Slot)],
            [.. _evidence.Values],
            [.. _terms.Values.OrderBy(t => t.Slot)],
            tables,
            tapers,
            outcomes,
            cohort,
            cohortOutcomes,
            caps,
            _slots);
    }

    private Rounding BindRounding()
    {
        RoundingSyntax? first = null;
        var mode = Rounding.HalfAwayFromZero;
        foreach (var item in _syntax.Items.OfType<RoundingSyntax>())
        {
            if (first is not null)
            {
                _diagnostics.DuplicateRounding(Loc(item.Span));
                continue;
            }

            first = item;
            mode = ParseRounding(item.Mode) ?? mode;
        }

        if (first is null)
        {
            _diagnostics.MissingRounding(Loc(_syntax.Name.Span), _syntax.Name.Text);
        }

        return mode;
    }

    private Rounding? ParseRounding(NameSyntax mode)
    {
        Rounding? parsed = mode.Text switch
        {
            "half_away_from_zero" => Rounding.HalfAwayFromZero,
            "half_even" => Rounding.HalfEven,
            "toward_zero" => Rounding.TowardZero,
            "down" => Rounding.Down,
            "up" => Rounding.Up,
            _ => null,
        };
        if (parsed is null && !mode.IsMissing)
        {
            _diagnostics.UnknownRounding(Loc(mode.Span), mode.Text);
        }

        return parsed;
    }

    private bool Declare(NameSyntax name)
    {
        if (name.IsMissing)
        {
            return false;
        }

        if (name.Text is "start_date" or "cohort_size" or "binary_rate" or "frequency_rate" || !_declared.Add(name.Text))
        {
            _diagnostics.Duplicate(Loc(name.Span), name.Text);
            return false;
        }

        return true;
    }

    private void DeclareNames()
    {
        foreach (var item in _syntax.Items)
        {
            switch (item)
            {
                case AttributeSyntax attribute when Declare(attribute.Name):
                    _attributes[attribute.Name.Text] = new BoundAttribute(
                        attribute.Name.Text, BindType(attribute.Type, attribute.Name.Text), _slotCount++, attribute.Name.Span);
                    break;
                case EvidenceSyntax evidence when Declare(evidence.Name):
                    _evidence[evidence.Name.Text] = new BoundEvidenceKind(
                        evidence.Name.Text,
                        evidence.Shape.Text == "event" ? EvidenceShape.Event : EvidenceShape.Spell,
                        [.. evidence.Attributes.Select(a => new BoundAttribute(a.Name.Text, BindType(a.Type, a.Name.Text), -1, a.Name.Span))],
                        evidence.Name.Span);
                    break;
                case TermSyntax term when Declare(term.Name):
                    _terms[term.Name.Text] = new BoundTerm(term.Name.Text, BindType(term.Type, term.Name.Text), _slotCount++, term.Name.Span);
                    break;
                case TableSyntax table when Declare(table.Name):
                {
                    var columns = new List<BoundColumn>();
                    foreach (var column in table.Columns)
                    {
                        if (column.Name.IsMissing)
                        {
                            continue;
                        }

                        if (columns.Exists(c => c.Name == column.Name.Text))
                        {
                            _diagnostics.Duplicate(Loc(column.Name.Span), column.Name.Text);
                            continue;
                        }

                        columns.Add(new BoundColumn(column.Name.Text, BindType(column.Type, column.Name.Text), _slotCount++, column.Name.Span));
                    }

                    _tables[table.Name.Text] = new TableInfo(_tables.Count, table, columns);
                    break;
                }

                case TaperSyntax taper when Declare(taper.Name):
                    _tapers[taper.Name.Text] = new TaperInfo(_tapers.Count, _slotCount++, taper);
                    break;
            }
        }
    }

    private PbrType BindType(TypeSyntax type, string owner)
    {
        if (type.Word is null)
        {
            var values = new List<string>();
            foreach (var token in type.Values)
            {
                if (token.Value is string value)
                {
                    if (values.Contains(value))
                    {
                        _diagnostics.Duplicate(Loc(token.Span), value);
                    }
                    else
                    {
                        values.Add(value);
                    }
                }
            }

            return PbrType.Enumeration(owner, [.. values]);
        }

        if (type.Word.IsMissing)
        {
            return PbrType.Error;
        }

        var bound = PbrType.FromWord(type.Word.Text);
        if (bound is null)
        {
            _diagnostics.UnknownType(Loc(type.Word.Span), type.Word.Text);
            return PbrType.Error;
        }

        return bound;
    }

    private void ReportUnused()
    {
        foreach (var attribute in _attributes.Values.Where(a => !_used.Contains("attribute:" + a.Name)))
        {
            _diagnostics.Unused(Loc(attribute.Span), "attribute", attribute.Name);
        }

        foreach (var evidence in _evidence.Values.Where(e => !_used.Contains("evidence:" + e.Name)))
        {
            _diagnostics.Unused(Loc(evidence.Span), "evidence kind", evidence.Name);
        }

        foreach (var term in _terms.Values.Where(t => !_used.Contains("term:" + t.Name)))
        {
            _diagnostics.Unused(Loc(term.Span), "term", term.Name);
        }

        foreach (var taper in _tapers.Values.Where(t => !_used.Contains("taper:" + t.Syntax.Name.Text)))
        {
            _diagnostics.Unused(Loc(taper.Syntax.Name.Span), "taper", taper.Syntax.Name.Text);
        }

        foreach (var table in _tables.Values)
        {
            var name = table.Syntax.Name.Text;
            if (!_used.Contains("table:" + name))
            {
                _diagnostics.Unused(Loc(table.Syntax.Name.Span), "table", name);
                continue;
            }

            foreach (var column in table.Columns.Where(c => !_used.Contains("column:" + name + "." + c.Name)))
            {
                _diagnostics.UnusedColumn(Loc(column.Span), name, column.Name);
            }
        }
    }

    private sealed record TableInfo(int Index, TableSyntax Syntax, List<BoundColumn> Columns);

    private sealed record TaperInfo(int Index, int Slot, TaperSyntax Syntax);
}
