using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundCap(BoundExpression Amount, CapScope Scope, ImmutableArray<int> Order, TextSpan Span, string AmountText)
{
    /// <summary>Gets a value indicating whether the cap limits each cohort's lines (its order names cohort outcomes).</summary>
    public bool PerCohort => Scope == CapScope.Cohort;

    /// <summary>Gets the words for the scope, as written after <c>per</c>.</summary>
    public string ScopeText => Scope switch
    {
        CapScope.Participant => "participant",
        CapScope.Cohort => "cohort",
        CapScope.Contract => "contract",
        _ => "contract year",
    };
}
