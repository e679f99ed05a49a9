using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// <c>table NAME by KEY effective on DATE hit unique columns … rows … end</c>: a tariff table, one
/// row per key value and effective period.
/// </summary>
public sealed record TableSyntax(
    TextSpan Span,
    NameSyntax Name,
    NameSyntax Key,
    NameSyntax? EffectiveOn,
    NameSyntax HitPolicy,
    ImmutableArray<ColumnSyntax> Columns,
    ImmutableArray<TableRowSyntax> Rows) : SchemeItemSyntax(Span);
