using System.Collections.Immutable;
using NodaTime;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Binding;

internal sealed partial class SchemeBinder
{
    private BoundExpression BindExpression(ExpressionSyntax syntax, NameContext context) => syntax switch
    {
        LiteralExpressionSyntax literal => BindLiteral(literal),
        DurationExpressionSyntax duration => new BoundLiteral(
            duration.Unit.Text == "weeks" ? PbrType.Weeks : PbrType.Days,
            duration.Span,
            checked((duration.Number.Value as long? ?? 0) * (duration.Unit.Text == "weeks" ? 7 : 1))),
        NameExpressionSyntax name => BindName(name.Name, context),
        MemberExpressionSyntax member => BindMember(member, context),
        ParenthesizedExpressionSyntax paren => BindExpression(paren.Inner, context),
        UnaryExpressionSyntax unary => BindUnary(unary, context),
        BinaryExpressionSyntax binary => BindBinary(binary, context),
        _ => new BoundLiteral(PbrType.Error, syntax.Span, 0L),
    };

    private static BoundExpression BindLiteral(LiteralExpressionSyntax literal)
    {
        var token = literal.Literal;
        if (token.IsMissing || token.Value is null && token.Kind != TokenKind.Keyword)
        {
            return new BoundLiteral(PbrType.Error, literal.Span, 0L);
        }

        return token.Kind switch
        {
            TokenKind.Integer => new BoundLiteral(PbrType.Int, literal.Span, token.Value!),
            TokenKind.Decimal or TokenKind.Percent => new BoundLiteral(PbrType.Rate, literal.Span, token.Value!),
            TokenKind.Money => new BoundLiteral(PbrType.Money, literal.Span, token.Value!),
            TokenKind.Date => new BoundLiteral(PbrType.Date, literal.Span, token.Value!),
            TokenKind.String => new BoundLiteral(PbrType.Text, literal.Span, token.Value!),
            TokenKind.Keyword => new BoundLiteral(PbrType.Bool, literal.Span, token.Text == "true"),
            _ => new BoundLiteral(PbrType.Error, literal.Span, 0L),
        };
    }

    private BoundExpression BindName(NameSyntax name, NameContext context)
    {
        if (name.IsMissing)
        {
            return new BoundLiteral(PbrType.Error, name.Span, 0L);
        }

        var text = name.Text;
        var cohortMeasure = text switch
        {
            "cohort_size" => (Slot: _slots.CohortSize, Type: PbrType.Int),
            "binary_rate" => (Slot: _slots.BinaryRate, Type: PbrType.Rate),
            "frequency_rate" => (Slot: _slots.FrequencyRate, Type: PbrType.Rate),
            _ => (Slot: -1, Type: PbrType.Error),
        };

        if (cohortMeasure.Slot >= 0)
        {
            if (context != NameContext.Cohort)
            {
                _diagnostics.CohortNameOutsideCohort(Loc(name.Span), text);
                return new BoundLiteral(PbrType.Error, name.Span, 0L);
            }

            return new BoundSlot(cohortMeasure.Type, name.Span, cohortMeasure.Slot, text);
        }

        if (_terms.TryGetValue(text, out var term))
        {
            if (context == NameContext.Constant)
            {
                _diagnostics.ExpectedConstant(Loc(name.Span));
                return new BoundLiteral(PbrType.Error, name.Span, 0L);
            }

            _used.Add("term:" + text);
            return new BoundSlot(term.Type, name.Span, term.Slot, text);
        }

        var participantSymbol = text == "start_date" || _attributes.ContainsKey(text) || _tapers.ContainsKey(text) || _tables.ContainsKey(text);
        if (!participantSymbol)
        {
            _diagnostics.UnknownName(Loc(name.Span), text);
            return new BoundLiteral(PbrType.Error, name.Span, 0L);
        }

        if (context is NameContext.Constant or NameContext.Terms)
        {
            _diagnostics.ExpectedConstant(Loc(name.Span));
            return new BoundLiteral(PbrType.Error, name.Span, 0L);
        }

        if (context == NameContext.Cohort)
        {
            _diagnostics.ParticipantNameInCohort(Loc(name.Span), text);
            return new BoundLiteral(PbrType.Error, name.Span, 0L);
        }

        if (text == "start_date")
        {
            return new BoundSlot(PbrType.Date, name.Span, _slots.StartDate, text);
        }

        if (_attributes.TryGetValue(text, out var attribute))
        {
            _used.Add("attribute:" + text);
            return new BoundSlot(attribute.Type, name.Span, attribute.Slot, text);
        }

        if (_tapers.TryGetValue(text, out var taper))
        {
            _used.Add("taper:" + text);
            _currentTapers?.Add(taper.Index);
            return new BoundSlot(PbrType.Rate, name.Span, taper.Slot, text);
        }

        _diagnostics.TableWithoutColumn(Loc(name.Span), text);
        return new BoundLiteral(PbrType.Error, name.Span, 0L);
    }

    private BoundExpression BindMember(MemberExpressionSyntax member, NameContext context)
    {
        var target = member.Target.Text;
        if (!_tables.TryGetValue(target, out var table))
        {
            if (_attributes.ContainsKey(target) || _terms.ContainsKey(target) || _tapers.ContainsKey(target))
            {
                _diagnostics.NotATable(Loc(member.Target.Span), target);
            }
            else
            {
                _diagnostics.UnknownName(Loc(member.Target.Span), target);
            }

            return new BoundLiteral(PbrType.Error, member.Span, 0L);
        }

        if (context != NameContext.Participant)
        {
            if (context == NameContext.Cohort)
            {
                _diagnostics.ParticipantNameInCohort(Loc(member.Span), target);
            }
            else
            {
                _diagnostics.ExpectedConstant(Loc(member.Span));
            }

            return new BoundLiteral(PbrType.Error, member.Span, 0L);
        }

        var columnIndex = table.Columns.FindIndex(c => c.Name == member.Member.Text);
        if (columnIndex < 0)
        {
            if (!member.Member.IsMissing)
            {
                _diagnostics.UnknownColumn(Loc(member.Member.Span), target, member.Member.Text);
            }

            return new BoundLiteral(PbrType.Error, member.Span, 0L);
        }

        var column = table.Columns[columnIndex];
        _used.Add("table:" + target);
        _used.Add("column:" + target + "." + column.Name);
        _currentCells?.Add((table.Index, columnIndex));
        return new BoundSlot(column.Type, member.Span, column.Slot, target + "." + column.Name);
    }

    private BoundExpression BindUnary(UnaryExpressionSyntax unary, NameContext context)
    {
        var operand = BindExpression(unary.Operand, context);
        if (operand.Type.IsError)
        {
            return new BoundLiteral(PbrType.Error, unary.Span, 0L);
        }

        if (unary.Operator.IsKeyword("not"))
        {
            if (operand.Type.Kind != TypeKind.Bool)
            {
                _diagnostics.TypeMismatch(Loc(unary.Operand.Span), "bool", operand.Type.ToString());
                return new BoundLiteral(PbrType.Error, unary.Span, 0L);
            }

            return new BoundUnary(PbrType.Bool, unary.Span, BoundOperator.Not, operand);
        }

        if (operand.Type.Kind is TypeKind.Money or TypeKind.UnroundedMoney or TypeKind.Rate or TypeKind.Int or TypeKind.Days or TypeKind.Weeks)
        {
            return new BoundUnary(operand.Type, unary.Span, BoundOperator.Negate, operand);
        }

        _diagnostics.TypeMismatch(Loc(unary.Operand.Span), "a number, money or a duration", operand.Type.ToString());
        return new BoundLiteral(PbrType.Error, unary.Span, 0L);
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax binary, NameContext context)
    {
        var left = BindExpression(binary.Left, context);
        var right = BindExpression(binary.Right, context);
        var op = binary.Operator.Kind switch
        {
            TokenKind.Plus => BoundOperator.Add,
            TokenKind.Minus => BoundOperator.Subtract,
            TokenKind.Star => BoundOperator.Multiply,
            TokenKind.Slash => BoundOperator.Divide,
            TokenKind.Less => BoundOperator.Less,
            TokenKind.LessEquals => BoundOperator.LessOrEqual,
            TokenKind.Greater => BoundOperator.Greater,
            TokenKind.GreaterEquals => BoundOperator.GreaterOrEqual,
            TokenKind.EqualsEquals => BoundOperator.Equal,
            TokenKind.BangEquals => BoundOperator.NotEqual,
            _ => binary.Operator.Text == "and" ? BoundOperator.And : BoundOperator.Or,
        };
        if (left.Type.IsError || right.Type.IsError)
        {
            return new BoundLiteral(PbrType.Error, binary.Span, 0L);
        }

        if (op is BoundOperator.Equal or BoundOperator.NotEqual)
        {
            CheckEnumerationLiteral(left, right);
            CheckEnumerationLiteral(right, left);
        }

        if (op == BoundOperator.Divide && right is BoundLiteral { Value: long or decimal } divisor && Convert.ToDecimal(divisor.Value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            _diagnostics.DivisionByZero(Loc(binary.Right.Span));
            return new BoundLiteral(PbrType.Error, binary.Span, 0L);
        }

        var result = OperatorRules.ResultType(op, left.Type, right.Type);
        if (result is null)
        {
            _diagnostics.OperatorTypes(Loc(binary.Operator.Span), binary.Operator.Text, left.Type.ToString(), right.Type.ToString());
            return new BoundLiteral(PbrType.Error, binary.Span, 0L);
        }

        return new BoundBinary(result, binary.Span, left, op, right);
    }

    private void CheckEnumerationLiteral(BoundExpression enumerated, BoundExpression other)
    {
        if (enumerated.Type.Kind == TypeKind.Enumeration && other is BoundLiteral { Value: string value } literal
            && !enumerated.Type.Values.Contains(value))
        {
            _diagnostics.ValueNotInEnumeration(Loc(literal.Span), value, enumerated.Type.EnumerationName!);
        }
    }

    /// <summary>Binds an expression that must have one of the given types (an int is accepted as a rate).</summary>
    private BoundExpression BindExpected(ExpressionSyntax syntax, NameContext context, string expected, params TypeKind[] kinds)
    {
        var bound = BindExpression(syntax, context);
        if (bound.Type.IsError || kinds.Contains(bound.Type.Kind))
        {
            return bound;
        }

        if (bound.Type.Kind == TypeKind.Int && kinds.Contains(TypeKind.Rate))
        {
            return bound is BoundLiteral { Value: long l }
                ? new BoundLiteral(PbrType.Rate, bound.Span, (decimal)l)
                : new BoundBinary(PbrType.Rate, bound.Span, bound, BoundOperator.Multiply, new BoundLiteral(PbrType.Rate, bound.Span, 1m));
        }

        _diagnostics.TypeMismatch(Loc(syntax.Span), expected, bound.Type.ToString());
        return new BoundLiteral(PbrType.Error, bound.Span, 0L);
    }

    private SourceLocation Loc(TextSpan span) => new(_file, span);

    private static LocalDate? DateOf(Token? token) => token?.Value as LocalDate?;
}
