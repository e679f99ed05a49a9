namespace Pbr.Dsl.Binding;

/// <summary>
/// Which operand types each operator accepts, and what it gives. This is where the unit checks
/// live: weeks never mix with pounds, money times a rate is unrounded, a date minus a date is days.
/// </summary>
internal static class OperatorRules
{
    public static PbrType? ResultType(BoundOperator op, PbrType left, PbrType right)
    {
        var l = left.Kind;
        var r = right.Kind;
        switch (op)
        {
            case BoundOperator.Add:
            case BoundOperator.Subtract:
                if (l == TypeKind.Money && r == TypeKind.Money)
                {
                    return PbrType.Money;
                }

                if (left.IsMoneyLike && right.IsMoneyLike)
                {
                    return PbrType.UnroundedMoney;
                }

                if (l == TypeKind.Int && r == TypeKind.Int)
                {
                    return PbrType.Int;
                }

                if (left.IsNumber && right.IsNumber)
                {
                    return PbrType.Rate;
                }

                if (left.IsDuration && right.IsDuration)
                {
                    return l == r ? left : PbrType.Days;
                }

                if (l == TypeKind.Date && right.IsDuration)
                {
                    return PbrType.Date;
                }

                if (op == BoundOperator.Add && left.IsDuration && r == TypeKind.Date)
                {
                    return PbrType.Date;
                }

                if (op == BoundOperator.Subtract && l == TypeKind.Date && r == TypeKind.Date)
                {
                    return PbrType.Days;
                }

                return null;

            case BoundOperator.Multiply:
                if ((l == TypeKind.Money && r == TypeKind.Int) || (l == TypeKind.Int && r == TypeKind.Money))
                {
                    return PbrType.Money;
                }

                if ((left.IsMoneyLike && right.IsNumber) || (left.IsNumber && right.IsMoneyLike))
                {
                    return PbrType.UnroundedMoney;
                }

                if (l == TypeKind.Int && r == TypeKind.Int)
                {
                    return PbrType.Int;
                }

                if (left.IsNumber && right.IsNumber)
                {
                    return PbrType.Rate;
                }

                if (left.IsDuration && r == TypeKind.Int)
                {
                    return left;
                }

                if (l == TypeKind.Int && right.IsDuration)
                {
                    return right;
                }

                return null;

            case BoundOperator.Divide:
                if (left.IsMoneyLike && right.IsNumber)
                {
                    return PbrType.UnroundedMoney;
                }

                if (left.IsNumber && right.IsNumber)
                {
                    return PbrType.Rate;
                }

                if (left.IsMoneyLike && right.IsMoneyLike)
                {
                    return PbrType.Rate;
                }

                return null;

            case BoundOperator.Less:
            case BoundOperator.LessOrEqual:
            case BoundOperator.Greater:
            case BoundOperator.GreaterOrEqual:
                return Comparable(left, right) ? PbrType.Bool : null;

            case BoundOperator.Equal:
            case BoundOperator.NotEqual:
                if (Comparable(left, right) || (l == TypeKind.Bool && r == TypeKind.Bool))
                {
                    return PbrType.Bool;
                }

                if (left.IsTextLike && right.IsTextLike
                    && (l != TypeKind.Enumeration || r != TypeKind.Enumeration || left.EnumerationName == right.EnumerationName))
                {
                    return PbrType.Bool;
                }

                return null;

            case BoundOperator.And:
            case BoundOperator.Or:
                return l == TypeKind.Bool && r == TypeKind.Bool ? PbrType.Bool : null;

            default:
                return null;
        }
    }

    /// <summary>Gets the CLR type both operands are converted to before the operator is applied.</summary>
    public static Type OperandClrType(BoundOperator op, PbrType left, PbrType right, PbrType result)
    {
        if (left.Kind == TypeKind.Date || right.Kind == TypeKind.Date)
        {
            return typeof(NodaTime.LocalDate);
        }

        if (left.Kind is TypeKind.Bool || left.IsTextLike)
        {
            return left.ClrType;
        }

        var anyDecimal = left.ClrType == typeof(decimal) || right.ClrType == typeof(decimal) || result.ClrType == typeof(decimal);
        return anyDecimal ? typeof(decimal) : typeof(long);
    }

    private static bool Comparable(PbrType left, PbrType right) =>
        (left.IsNumber && right.IsNumber)
        || (left.IsMoneyLike && right.IsMoneyLike)
        || (left.IsDuration && right.IsDuration)
        || (left.Kind == TypeKind.Date && right.Kind == TypeKind.Date);
}
