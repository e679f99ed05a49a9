using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

/// <summary>A type-checked expression. Names are resolved to slots of the evaluation frame.</summary>
internal abstract record BoundExpression(PbrType Type, TextSpan Span);

/// <summary>A constant in its run-time form (long pence, decimal rate, long days, LocalDate, string, bool).</summary>
internal sealed record BoundLiteral(PbrType Type, TextSpan Span, object Value) : BoundExpression(Type, Span);

/// <summary>A value read from a slot of the frame: an attribute, a table cell, a taper, a term or a cohort measure.</summary>
internal sealed record BoundSlot(PbrType Type, TextSpan Span, int Slot, string Name) : BoundExpression(Type, Span);

/// <summary>Negation or logical not.</summary>
internal sealed record BoundUnary(PbrType Type, TextSpan Span, BoundOperator Operator, BoundExpression Operand) : BoundExpression(Type, Span);

/// <summary>An infix operation whose operand and result types were checked by the binder.</summary>
internal sealed record BoundBinary(PbrType Type, TextSpan Span, BoundExpression Left, BoundOperator Operator, BoundExpression Right)
    : BoundExpression(Type, Span);

/// <summary>The operators of the language.</summary>
internal enum BoundOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Not,
    And,
    Or,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
