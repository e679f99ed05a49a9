using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A value read from a slot of the frame: an attribute, a table cell, a taper, a term or a cohort measure.</summary>
internal sealed record BoundSlot(PbrType Type, TextSpan Span, int Slot, string Name) : BoundExpression(Type, Span);
