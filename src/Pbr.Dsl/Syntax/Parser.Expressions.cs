using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

internal sealed partial class Parser
{
    // Precedence, loosest first: or, and, not, comparison, + -, * /, unary minus, primary.
    // Nesting depth is bounded so that a hostile file cannot overflow the stack.
    private const int MaxDepth = 64;

    // A chain such as a + b + c + … is built by a loop, which the depth bound does not see, yet it
    // makes a tree as deep as the chain is long, and the binder walks trees recursively: 100,000
    // terms overflowed its stack. So the operators of one whole expression are bounded as well.
    private const int MaxOperators = 1000;
    private int _depth;
    private int _operators;

    private ExpressionSyntax ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            ReportOnce(() => _diagnostics.Expected(Loc(Current.Span), "a simpler expression (nesting is too deep)", Describe(Current)));
            SkipUntil(t => t.Kind != TokenKind.OpenParen);
            return new LiteralExpressionSyntax(new TextSpan(Current.Span.Start, 0), Missing(TokenKind.Integer, "0"));
        }

        if (_depth == 1)
        {
            _operators = 0;
        }

        try
        {
            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionSyntax ParseNested(Func<ExpressionSyntax> parse)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            ReportOnce(() => _diagnostics.Expected(Loc(Current.Span), "a simpler expression (nesting is too deep)", Describe(Current)));
            return new LiteralExpressionSyntax(new TextSpan(Current.Span.Start, 0), Missing(TokenKind.Integer, "0"));
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionSyntax ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("or"))
        {
            var op = Next();
            var right = ParseAnd();
            left = Binary(left, op, right);
        }

        return left;
    }

    private ExpressionSyntax Binary(ExpressionSyntax left, Token op, ExpressionSyntax right)
    {
        if (++_operators <= MaxOperators)
        {
            return new BinaryExpressionSyntax(left.Span.Cover(right.Span), left, op, right);
        }

        if (_operators == MaxOperators + 1)
        {
            _diagnostics.Expected(Loc(op.Span), "a simpler expression (more than 1,000 operators)", Describe(op));
        }

        // The rest of the chain is read, so that parsing goes on after it, but not added to the tree.
        return left;
    }

    private ExpressionSyntax ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsKeyword("and"))
        {
            var op = Next();
            var right = ParseNot();
            left = Binary(left, op, right);
        }

        return left;
    }

    private ExpressionSyntax ParseNot()
    {
        if (Current.IsKeyword("not"))
        {
            var op = Next();
            var operand = ParseNested(ParseNot);
            return new UnaryExpressionSyntax(op.Span.Cover(operand.Span), op, operand);
        }

        return ParseComparison();
    }

    private ExpressionSyntax ParseComparison()
    {
        var left = ParseAdditive();
        if (Current.Kind is TokenKind.Less or TokenKind.LessEquals or TokenKind.Greater or TokenKind.GreaterEquals
            or TokenKind.EqualsEquals or TokenKind.BangEquals)
        {
            var op = Next();
            var right = ParseAdditive();
            left = Binary(left, op, right);
        }

        return left;
    }

    private ExpressionSyntax ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            var right = ParseMultiplicative();
            left = Binary(left, op, right);
        }

        return left;
    }

    private ExpressionSyntax ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next();
            var right = ParseUnary();
            left = Binary(left, op, right);
        }

        return left;
    }

    private ExpressionSyntax ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Next();
            var operand = ParseNested(ParseUnary);
            return new UnaryExpressionSyntax(op.Span.Cover(operand.Span), op, operand);
        }

        return ParsePrimary();
    }

    private ExpressionSyntax ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Next();
                if (Current.IsKeyword("days") || Current.IsKeyword("weeks"))
                {
                    var unit = Next();
                    return new DurationExpressionSyntax(token.Span.Cover(unit.Span), token, unit);
                }

                return new LiteralExpressionSyntax(token.Span, token);
            case TokenKind.Decimal:
            case TokenKind.Percent:
            case TokenKind.Money:
            case TokenKind.Date:
            case TokenKind.String:
                Next();
                return new LiteralExpressionSyntax(token.Span, token);
            case TokenKind.Keyword when token.Text is "true" or "false":
                Next();
                return new LiteralExpressionSyntax(token.Span, token);
            case TokenKind.Identifier:
            {
                Next();
                var name = new NameSyntax(token.Span, token.Text);
                if (Current.Kind == TokenKind.Dot)
                {
                    Next();
                    var member = ExpectName("a column name");
                    return new MemberExpressionSyntax(token.Span.Cover(member.Span), name, member);
                }

                return new NameExpressionSyntax(token.Span, name);
            }

            case TokenKind.OpenParen:
            {
                Next();
                var inner = ParseExpression();
                var close = ExpectKind(TokenKind.CloseParen, "')'");
                return new ParenthesizedExpressionSyntax(token.Span.Cover(close.Span.Length == 0 ? inner.Span : close.Span), inner);
            }

            default:
                ReportOnce(() => _diagnostics.Expected(Loc(token.Span), "a value or a name", Describe(token)));
                return new LiteralExpressionSyntax(new TextSpan(token.Span.Start, 0), Missing(TokenKind.Integer, "0"));
        }
    }
}
