using System.Collections.Immutable;
using NodaTime;

namespace Pbr.Dsl.Binding;

/// <summary>
/// A type of the language. Money is whole pence; money multiplied by a rate is unrounded money,
/// which no outcome can pay until the scheme's rounding turns it back into pence. Days and weeks
/// are distinct units so that weeks can never be added to pounds or compared with a count.
/// </summary>
internal sealed record PbrType(TypeKind Kind, string? EnumerationName, ImmutableArray<string> Values)
{
    public static readonly PbrType Error = new(TypeKind.Error, null, []);
    public static readonly PbrType Money = new(TypeKind.Money, null, []);
    public static readonly PbrType UnroundedMoney = new(TypeKind.UnroundedMoney, null, []);
    public static readonly PbrType Rate = new(TypeKind.Rate, null, []);
    public static readonly PbrType Int = new(TypeKind.Int, null, []);
    public static readonly PbrType Bool = new(TypeKind.Bool, null, []);
    public static readonly PbrType Date = new(TypeKind.Date, null, []);
    public static readonly PbrType Days = new(TypeKind.Days, null, []);
    public static readonly PbrType Weeks = new(TypeKind.Weeks, null, []);
    public static readonly PbrType Text = new(TypeKind.Text, null, []);

    public bool IsError => Kind == TypeKind.Error;

    public bool IsMoneyLike => Kind is TypeKind.Money or TypeKind.UnroundedMoney;

    public bool IsNumber => Kind is TypeKind.Int or TypeKind.Rate;

    public bool IsDuration => Kind is TypeKind.Days or TypeKind.Weeks;

    public bool IsTextLike => Kind is TypeKind.Text or TypeKind.Enumeration;

    /// <summary>Gets the CLR type values of this type have at run time.</summary>
    public Type ClrType => Kind switch
    {
        TypeKind.Money => typeof(long),
        TypeKind.UnroundedMoney => typeof(decimal),
        TypeKind.Rate => typeof(decimal),
        TypeKind.Int => typeof(long),
        TypeKind.Bool => typeof(bool),
        TypeKind.Date => typeof(LocalDate),
        TypeKind.Days or TypeKind.Weeks => typeof(long),
        TypeKind.Text or TypeKind.Enumeration => typeof(string),
        _ => typeof(object),
    };

    /// <summary>Gets the type from a type word, or null when the word is not a type.</summary>
    public static PbrType? FromWord(string word) => word switch
    {
        "money" => Money,
        "rate" => Rate,
        "int" => Int,
        "bool" => Bool,
        "date" => Date,
        "days" => Days,
        "weeks" => Weeks,
        "text" => Text,
        _ => null,
    };

    public static PbrType Enumeration(string name, ImmutableArray<string> values) => new(TypeKind.Enumeration, name, values);

    public bool Equals(PbrType? other) =>
        other is not null && Kind == other.Kind && EnumerationName == other.EnumerationName;

    public override int GetHashCode() => HashCode.Combine(Kind, EnumerationName);

    /// <summary>Gets the words for this type in diagnostics, e.g. <c>money</c> or <c>weeks</c>.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Error => "?",
        TypeKind.Money => "money",
        TypeKind.UnroundedMoney => "money (unrounded)",
        TypeKind.Rate => "rate",
        TypeKind.Int => "int",
        TypeKind.Bool => "bool",
        TypeKind.Date => "date",
        TypeKind.Days => "days",
        TypeKind.Weeks => "weeks",
        TypeKind.Text => "text",
        TypeKind.Enumeration => $"a value of '{EnumerationName}'",
        _ => Kind.ToString(),
    };
}
