using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary><c>taper NAME on start_date by financial_year … end</c>: a rate stepping by date.</summary>
public sealed record TaperSyntax(TextSpan Span, NameSyntax Name, NameSyntax On, bool ByFinancialYear, ImmutableArray<TaperStepSyntax> Steps)
    : SchemeItemSyntax(Span);
