using Pbr.Core;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundCohortOutcome(
    string Name, int Index, TextSpan Span, BoundExpression? Guard, BoundExpression Pay, Rounding Rounding, string PayText, string GuardText);
