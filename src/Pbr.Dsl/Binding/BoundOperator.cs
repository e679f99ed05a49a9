namespace Pbr.Dsl.Binding;

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
