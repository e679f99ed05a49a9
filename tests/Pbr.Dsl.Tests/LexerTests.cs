using NodaTime;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Tests;

public sealed class LexerTests
{
    [TestCase("£1,200.00", 120000L)]
    [TestCase("£0.05", 5L)]
    [TestCase("£250,000.00", 25000000L)]
    [TestCase("£13,720.00", 1372000L)]
    public void Tokenize_MoneyWithPence_IsWholePence(string text, long pence)
    {
        var token = Single(text, out var diagnostics);

        Assert.That(diagnostics, Is.Empty);
        Assert.That((token.Kind, token.Value), Is.EqualTo((TokenKind.Money, (object)pence)));
    }

    [TestCase("£1,2,3.00")]
    [TestCase("£1200.0")]
    [TestCase("£12")]
    public void Tokenize_MalformedMoney_IsReported(string text)
    {
        Single(text, out var diagnostics);

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { text == "£1,2,3.00" ? "PBR1005" : "PBR1004" }));
    }

    [Test]
    public void Tokenize_Percent_IsARate()
    {
        // 7.5% = 7.5 / 100 = 0.075, exactly.
        Assert.That(Single("7.5%", out _).Value, Is.EqualTo(0.075m));
    }

    [Test]
    public void Tokenize_Date_IsALocalDate()
    {
        Assert.That(Single("2011-06-01", out _).Value, Is.EqualTo(new LocalDate(2011, 6, 1)));
    }

    [Test]
    public void Tokenize_WordsAndComments_KeywordsAreReservedAndCommentsSkipped()
    {
        var tokens = Lexer.Tokenize(new SourceFile("t.pbr", "outcome job_outcome # a comment\n  pay"), new DiagnosticBag());

        Assert.That(tokens.Select(t => (t.Kind, t.Text)), Is.EqualTo(new[]
        {
            (TokenKind.Keyword, "outcome"), (TokenKind.Identifier, "job_outcome"), (TokenKind.Keyword, "pay"), (TokenKind.EndOfFile, string.Empty),
        }));
    }

    [Test]
    public void Tokenize_Operators_IncludeTheTypographicForms()
    {
        var tokens = Lexer.Tokenize(new SourceFile("t.pbr", "a × b ≤ c ≥ d <= e != f == g"), new DiagnosticBag());

        Assert.That(tokens.Where(t => t.Kind != TokenKind.Identifier).Select(t => t.Kind), Is.EqualTo(new[]
        {
            TokenKind.Star, TokenKind.LessEquals, TokenKind.GreaterEquals, TokenKind.LessEquals, TokenKind.BangEquals, TokenKind.EqualsEquals, TokenKind.EndOfFile,
        }));
    }

    private static Token Single(string text, out List<Diagnostic> diagnostics)
    {
        var bag = new DiagnosticBag();
        var tokens = Lexer.Tokenize(new SourceFile("t.pbr", text), bag);
        diagnostics = [.. bag];
        Assert.That(tokens, Has.Count.EqualTo(2), "one token and the end of the file");
        return tokens[0];
    }
}
