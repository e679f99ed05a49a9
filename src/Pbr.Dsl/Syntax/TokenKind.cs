namespace Pbr.Dsl.Syntax;

/// <summary>The kinds of token the lexer produces. Keywords are reserved words of the language.</summary>
public enum TokenKind
{
    BadToken,
    EndOfFile,
    Identifier,
    Keyword,
    String,
    Integer,
    Decimal,
    Percent,
    Money,
    Date,
    OpenParen,
    CloseParen,
    Comma,
    Colon,
    Dot,
    Plus,
    Minus,
    Star,
    Slash,
    Equals,
    EqualsEquals,
    BangEquals,
    Less,
    LessEquals,
    Greater,
    GreaterEquals,
}
