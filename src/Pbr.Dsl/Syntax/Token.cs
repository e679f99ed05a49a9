using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// A token: its kind, its span and its text. <see cref="Value"/> holds the parsed literal
/// (long for integers, decimal for decimals and percentages as rates, long pence for money,
/// <see cref="NodaTime.LocalDate"/> for dates, the unescaped text for strings).
/// </summary>
public sealed record Token(TokenKind Kind, TextSpan Span, string Text, object? Value)
{
    /// <summary>Gets a value indicating whether this token is the given keyword.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Keyword && Text == keyword;

    /// <summary>Gets a value indicating whether the parser made this token up to recover from an error.</summary>
    public bool IsMissing => Span.Length == 0 && Kind != TokenKind.EndOfFile;
}
