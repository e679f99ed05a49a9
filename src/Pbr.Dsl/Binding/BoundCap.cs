using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundCap(BoundExpression Amount, bool PerCohort, ImmutableArray<int> Order, TextSpan Span, string AmountText);
