using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed record BoundCohort(string Evidence, BoundExpression OccurringWithin, BoundExpression RecordedWithin, BoundExpression SettlesAfter, TextSpan Span);
