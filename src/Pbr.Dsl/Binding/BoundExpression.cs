using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A type-checked expression. Names are resolved to slots of the evaluation frame.</summary>
internal abstract record BoundExpression(PbrType Type, TextSpan Span);
