using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A constant in its run-time form (long pence, decimal rate, long days, LocalDate, string, bool).</summary>
internal sealed record BoundLiteral(PbrType Type, TextSpan Span, object Value) : BoundExpression(Type, Span);
