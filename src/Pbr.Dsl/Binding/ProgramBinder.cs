using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>
/// Binds all sources together: schemes first (from every file), then contracts, which may name a
/// scheme in another file, then tests, which name contracts.
/// </summary>
internal sealed partial class ProgramBinder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, BoundScheme> _schemes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundContract> _contracts = new(StringComparer.Ordinal);

    private ProgramBinder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public static BoundProgram Bind(IReadOnlyList<CompilationUnitSyntax> units, DiagnosticBag diagnostics)
    {
        var binder = new ProgramBinder(diagnostics);
        foreach (var unit in units)
        {
            foreach (var scheme in unit.Declarations.OfType<SchemeSyntax>())
            {
                if (scheme.Name.IsMissing)
                {
                    continue;
                }

                if (binder._schemes.ContainsKey(scheme.Name.Text))
                {
                    diagnostics.DuplicateScheme(new SourceLocation(unit.File, scheme.Name.Span), scheme.Name.Text);
                    continue;
                }

                binder._schemes[scheme.Name.Text] = SchemeBinder.Bind(unit.File, scheme, diagnostics);
            }
        }

        foreach (var unit in units)
        {
            foreach (var contract in unit.Declarations.OfType<ContractSyntax>())
            {
                binder.BindContract(unit.File, contract);
            }
        }

        var tests = ImmutableArray.CreateBuilder<BoundTest>();
        foreach (var unit in units)
        {
            foreach (var test in unit.Declarations.OfType<TestSyntax>())
            {
                if (binder.BindTest(unit.File, test) is { } bound)
                {
                    tests.Add(bound);
                }
            }
        }

        return new BoundProgram([.. binder._schemes.Values], [.. binder._contracts.Values], tests.ToImmutable());
    }

    private void BindContract(SourceFile file, ContractSyntax syntax)
    {
        var id = syntax.Id.Value as string ?? string.Empty;
        if (syntax.Id.IsMissing)
        {
            return;
        }

        var idCheck = ParticipantId.Parse(id);
        if (!idCheck.Success)
        {
            _diagnostics.BadContractId(Loc(file, syntax.Id.Span), id, idCheck.Error!.Replace("an id", "a contract id", StringComparison.Ordinal));
        }

        var seen = new Dictionary<string, ContractItemSyntax>(StringComparer.Ordinal);
        foreach (var item in syntax.Items)
        {
            if (!seen.TryAdd(item.Label.Text, item))
            {
                _diagnostics.ContractDuplicateItem(Loc(file, item.Label.Span), item.Label.Text);
            }
        }

        BoundScheme? scheme = null;
        if (seen.TryGetValue("scheme", out var schemeItem) && schemeItem.Value is NameExpressionSyntax { Name: var schemeName } && !schemeName.IsMissing)
        {
            if (!_schemes.TryGetValue(schemeName.Text, out scheme))
            {
                _diagnostics.UnknownScheme(Loc(file, schemeName.Span), schemeName.Text);
            }
        }

        var contractLocation = Loc(file, syntax.Id.Span);
        string? Required(string label, string what)
        {
            if (!seen.ContainsKey(label))
            {
                _diagnostics.ContractMissing(contractLocation, id, what);
                return null;
            }

            return label;
        }

        Required("scheme", "scheme ('scheme NAME')");
        var provider = Required("provider", "provider ('provider \"NAME\"')") is null
            ? string.Empty
            : Constant(file, seen["provider"].Value, PbrType.Text) as string ?? string.Empty;
        var starts = Required("starts", "first accepted start date ('starts yyyy-MM-dd')") is null
            ? default
            : Constant(file, seen["starts"].Value, PbrType.Date) as LocalDate? ?? default;
        var ends = Required("ends", "last accepted start date ('ends yyyy-MM-dd')") is null
            ? default
            : Constant(file, seen["ends"].Value, PbrType.Date) as LocalDate? ?? default;
        var discount = Required("discount", "discount ('discount 0%')") is null
            ? 0m
            : Constant(file, seen["discount"].Value, PbrType.Rate) as decimal? ?? 0m;
        if (seen.TryGetValue("discount", out var discountItem) && (discount < 0m || discount > 1m))
        {
            _diagnostics.DiscountRange(Loc(file, discountItem.Value.Span));
        }

        if (IsDate(seen, "starts") && IsDate(seen, "ends") && ends < starts)
        {
            _diagnostics.PeriodReversed(Loc(file, seen["ends"].Value.Span), Format(starts), Format(ends));
        }

        var termValues = ImmutableArray.CreateBuilder<(int Slot, object Value)>();
        foreach (var item in syntax.Items.Where(i => i.IsTerm))
        {
            if (scheme is null)
            {
                continue;
            }

            var term = scheme.Terms.FirstOrDefault(t => t.Name == item.Label.Text);
            if (term is null)
            {
                _diagnostics.UnknownTerm(Loc(file, item.Label.Span), item.Label.Text, scheme.Name);
                continue;
            }

            termValues.Add((term.Slot, Constant(file, item.Value, term.Type)));
        }

        if (scheme is not null)
        {
            foreach (var term in scheme.Terms.Where(t => !seen.ContainsKey(t.Name)))
            {
                _diagnostics.MissingTerm(contractLocation, id, term.Name);
            }
        }

        if (_contracts.ContainsKey(id))
        {
            _diagnostics.DuplicateContract(contractLocation, id);
            return;
        }

        if (scheme is null)
        {
            return;
        }

        var terms = new ContractTerms(
            new ContractId(id), new SchemeId(scheme.Name), new ProviderId(provider), starts, ends, new Percentage(discount * 100m));
        _contracts[id] = new BoundContract(terms, scheme, termValues.ToImmutable(), file, syntax.Id.Span);
    }

    private static bool IsDate(Dictionary<string, ContractItemSyntax> items, string label) =>
        items.TryGetValue(label, out var item) && item.Value is LiteralExpressionSyntax { Literal.Value: LocalDate };

    private object Constant(SourceFile file, ExpressionSyntax syntax, PbrType type) =>
        SchemeBinder.BindStandaloneConstant(file, syntax, type, _diagnostics);

    private static SourceLocation Loc(SourceFile file, TextSpan span) => new(file, span);

    private static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
