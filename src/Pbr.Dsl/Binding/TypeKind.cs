namespace Pbr.Dsl.Binding;

/// <summary>The kinds of value the language knows.</summary>
internal enum TypeKind
{
    Error,
    Money,
    UnroundedMoney,
    Rate,
    Int,
    Bool,
    Date,
    Days,
    Weeks,
    Text,
    Enumeration,
}
