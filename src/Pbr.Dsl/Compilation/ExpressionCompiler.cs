using System.Linq.Expressions;
using System.Reflection;
using NodaTime;
using Pbr.Dsl.Binding;

namespace Pbr.Dsl.Compilation;

/// <summary>
/// Turns bound expressions into <see cref="System.Linq.Expressions"/> delegates over the evaluation
/// frame (an array of slots). Integer arithmetic uses the checked operators, and decimal arithmetic
/// throws on overflow by itself, so an amount can never wrap.
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly MethodInfo AddDaysMethod = typeof(ExpressionCompiler).GetMethod(nameof(AddDays), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo DaysBetweenMethod = typeof(ExpressionCompiler).GetMethod(nameof(DaysBetween), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Compiles an expression to a delegate giving its value as <typeparamref name="T"/>.</summary>
    public static Func<object?[], T> Compile<T>(BoundExpression expression)
    {
        var frame = Expression.Parameter(typeof(object?[]), "frame");
        var body = Build(expression, frame);
        if (body.Type != typeof(T))
        {
            body = Expression.Convert(body, typeof(T));
        }

        return Expression.Lambda<Func<object?[], T>>(body, frame).Compile();
    }

    private static Expression Build(BoundExpression expression, ParameterExpression frame)
    {
        switch (expression)
        {
            case BoundLiteral literal:
                return Expression.Constant(literal.Value, literal.Type.ClrType);
            case BoundSlot slot:
                return Expression.Convert(Expression.ArrayIndex(frame, Expression.Constant(slot.Slot)), slot.Type.ClrType);
            case BoundUnary { Operator: BoundOperator.Not } not:
                return Expression.Not(Build(not.Operand, frame));
            case BoundUnary negate:
            {
                var operand = Build(negate.Operand, frame);
                return operand.Type == typeof(long) ? Expression.NegateChecked(operand) : Expression.Negate(operand);
            }

            case BoundBinary binary:
                return BuildBinary(binary, frame);
            default:
                throw new InvalidOperationException($"Cannot compile {expression.GetType().Name}.");
        }
    }

    private static Expression BuildBinary(BoundBinary binary, ParameterExpression frame)
    {
        var left = Build(binary.Left, frame);
        var right = Build(binary.Right, frame);
        switch (binary.Operator)
        {
            case BoundOperator.And:
                return Expression.AndAlso(left, right);
            case BoundOperator.Or:
                return Expression.OrElse(left, right);
        }

        if (binary.Left.Type.Kind == TypeKind.Date && binary.Right.Type.Kind == TypeKind.Date)
        {
            if (binary.Operator == BoundOperator.Subtract)
            {
                return Expression.Call(DaysBetweenMethod, right, left);
            }
        }
        else if (binary.Left.Type.Kind == TypeKind.Date)
        {
            var days = binary.Operator == BoundOperator.Subtract ? Expression.NegateChecked(right) : right;
            return Expression.Call(AddDaysMethod, left, days);
        }
        else if (binary.Right.Type.Kind == TypeKind.Date)
        {
            return Expression.Call(AddDaysMethod, right, left);
        }

        var operandType = OperatorRules.OperandClrType(binary.Operator, binary.Left.Type, binary.Right.Type, binary.Type);
        if (left.Type != operandType)
        {
            left = Expression.Convert(left, operandType);
        }

        if (right.Type != operandType)
        {
            right = Expression.Convert(right, operandType);
        }

        var isLong = operandType == typeof(long);
        return binary.Operator switch
        {
            BoundOperator.Add => isLong ? Expression.AddChecked(left, right) : Expression.Add(left, right),
            BoundOperator.Subtract => isLong ? Expression.SubtractChecked(left, right) : Expression.Subtract(left, right),
            BoundOperator.Multiply => isLong ? Expression.MultiplyChecked(left, right) : Expression.Multiply(left, right),
            BoundOperator.Divide => Expression.Divide(left, right),
            BoundOperator.Less => Expression.LessThan(left, right),
            BoundOperator.LessOrEqual => Expression.LessThanOrEqual(left, right),
            BoundOperator.Greater => Expression.GreaterThan(left, right),
            BoundOperator.GreaterOrEqual => Expression.GreaterThanOrEqual(left, right),
            BoundOperator.Equal => Expression.Equal(left, right),
            BoundOperator.NotEqual => Expression.NotEqual(left, right),
            _ => throw new InvalidOperationException($"Unknown operator {binary.Operator}."),
        };
    }

    private static LocalDate AddDays(LocalDate date, long days) => date.PlusDays(checked((int)days));

    private static long DaysBetween(LocalDate start, LocalDate end) => Period.Between(start, end, PeriodUnits.Days).Days;
}
