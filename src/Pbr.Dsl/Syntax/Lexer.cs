using System.Globalization;
using Pbr.Core;
using NodaTime;
using NodaTime.Text;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// Turns source text into tokens. It never throws on bad input: an unexpected character becomes a
/// <see cref="TokenKind.BadToken"/> and a diagnostic, and lexing carries on.
/// </summary>
internal sealed class Lexer
{
    private readonly SourceFile _file;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private int _position;

    public Lexer(SourceFile file, DiagnosticBag diagnostics)
    {
        _file = file;
        _text = file.Text;
        _diagnostics = diagnostics;
    }

    public static List<Token> Tokenize(SourceFile file, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(file, diagnostics);
        var tokens = new List<Token>();
        while (true)
        {
            var token = lexer.Next();
            if (token.Kind != TokenKind.BadToken)
            {
                tokens.Add(token);
            }

            if (token.Kind == TokenKind.EndOfFile)
            {
                return tokens;
            }
        }
    }

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private Token Next()
    {
        SkipTriviaAndComments();
        var start = _position;
        if (_position >= _text.Length)
        {
            return new Token(TokenKind.EndOfFile, new TextSpan(_text.Length, 0), string.Empty, null);
        }

        var c = Current;
        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (char.IsAsciiLetterOrDigit(Current) || Current == '_')
            {
                _position++;
            }

            var word = _text[start.._position];
            return new Token(Keywords.All.Contains(word) ? TokenKind.Keyword : TokenKind.Identifier, TextSpan.FromBounds(start, _position), word, word);
        }

        if (char.IsAsciiDigit(c))
        {
            return LexNumberOrDate(start);
        }

        switch (c)
        {
            case '"':
                return LexString(start);
            case '£':
                return LexMoney(start);
            case '(':
                _position++;
                return Make(TokenKind.OpenParen, start, null);
            case ')':
                _position++;
                return Make(TokenKind.CloseParen, start, null);
            case ',':
                _position++;
                return Make(TokenKind.Comma, start, null);
            case ':':
                _position++;
                return Make(TokenKind.Colon, start, null);
            case '.':
                _position++;
                return Make(TokenKind.Dot, start, null);
            case '+':
                _position++;
                return Make(TokenKind.Plus, start, null);
            case '-':
                _position++;
                return Make(TokenKind.Minus, start, null);
            case '*':
            case '×':
                _position++;
                return Make(TokenKind.Star, start, null);
            case '/':
                _position++;
                return Make(TokenKind.Slash, start, null);
            case '=':
                _position += Peek(1) == '=' ? 2 : 1;
                return Make(_position - start == 2 ? TokenKind.EqualsEquals : TokenKind.Equals, start, null);
            case '!' when Peek(1) == '=':
                _position += 2;
                return Make(TokenKind.BangEquals, start, null);
            case '<':
                _position += Peek(1) == '=' ? 2 : 1;
                return Make(_position - start == 2 ? TokenKind.LessEquals : TokenKind.Less, start, null);
            case '>':
                _position += Peek(1) == '=' ? 2 : 1;
                return Make(_position - start == 2 ? TokenKind.GreaterEquals : TokenKind.Greater, start, null);
            case '≤':
                _position++;
                return Make(TokenKind.LessEquals, start, null);
            case '≥':
                _position++;
                return Make(TokenKind.GreaterEquals, start, null);
            default:
                _position += char.IsSurrogatePair(_text, _position) ? 2 : 1;
                _diagnostics.BadCharacter(Location(start), _text[start.._position]);
                return Make(TokenKind.BadToken, start, null);
        }
    }

    private void SkipTriviaAndComments()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private Token LexNumberOrDate(int start)
    {
        ReadDigits();

        // yyyy-MM-dd is a date; the shape decides, then NodaTime checks the calendar.
        if (_position - start == 4 && Current == '-' && char.IsAsciiDigit(Peek(1)))
        {
            var save = _position;
            _position++;
            ReadDigits();
            if (Current == '-' && char.IsAsciiDigit(Peek(1)))
            {
                _position++;
                ReadDigits();
                var text = _text[start.._position];
                var parsed = LocalDatePattern.Iso.Parse(text);
                if (text.Length != 10 || !parsed.Success)
                {
                    _diagnostics.BadDate(Location(start), text);
                    return Make(TokenKind.Date, start, null);
                }

                return Make(TokenKind.Date, start, parsed.Value);
            }

            _position = save;
        }

        var isDecimal = false;
        if (Current == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isDecimal = true;
            _position++;
            ReadDigits();
        }

        var number = _text[start.._position];
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            _diagnostics.NumberTooLarge(Location(start), number);
            value = 0;
        }

        if (Current == '%')
        {
            _position++;
            return Make(TokenKind.Percent, start, value / 100m);
        }

        if (isDecimal)
        {
            return Make(TokenKind.Decimal, start, value);
        }

        if (value > long.MaxValue)
        {
            _diagnostics.NumberTooLarge(Location(start), number);
            value = 0;
        }

        return Make(TokenKind.Integer, start, decimal.ToInt64(value));
    }

    private void ReadDigits()
    {
        while (char.IsAsciiDigit(Current))
        {
            _position++;
        }
    }

    private Token LexMoney(int start)
    {
        _position++;
        while (char.IsAsciiDigit(Current) || ((Current == ',' || Current == '.') && char.IsAsciiDigit(Peek(1))))
        {
            _position++;
        }

        var text = _text[start.._position];
        var digits = text[1..];
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        if (digits.Length == 0 || point < 0 || digits.Length - point - 1 != 2)
        {
            _diagnostics.MoneyNeedsPence(Location(start), text);
            return Make(TokenKind.Money, start, 0L);
        }

        var parsed = Money.Parse(text);
        if (!parsed.Success)
        {
            _diagnostics.BadMoney(Location(start), text, parsed.Error!);
            return Make(TokenKind.Money, start, 0L);
        }

        return Make(TokenKind.Money, start, parsed.Value.Pence);
    }

    private Token LexString(int start)
    {
        _position++;
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || Current == '\n')
            {
                _diagnostics.UnterminatedString(new SourceLocation(_file, TextSpan.FromBounds(start, _position)));
                break;
            }

            if (Current == '"')
            {
                _position++;
                break;
            }

            if (Current == '\\' && (Peek(1) == '"' || Peek(1) == '\\'))
            {
                builder.Append(Peek(1));
                _position += 2;
                continue;
            }

            builder.Append(Current);
            _position++;
        }

        return Make(TokenKind.String, start, builder.ToString());
    }

    private SourceLocation Location(int start) => new(_file, TextSpan.FromBounds(start, _position));

    private Token Make(TokenKind kind, int start, object? value) =>
        new(kind, TextSpan.FromBounds(start, _position), _text[start.._position], value);
}
