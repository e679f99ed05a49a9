using System.Collections.Immutable;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>
/// A recursive-descent parser. It never throws on bad input: a missing token is reported and made
/// up (with an empty span), and an unexpected one is reported and skipped up to the next line that
/// can start an item, so that every error in a file is reported in one run.
/// </summary>
internal sealed partial class Parser
{
    private readonly SourceFile _file;
    private readonly List<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private int _position;
    private int _lastErrorAt = -1;

    private Parser(SourceFile file, DiagnosticBag diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
        _tokens = Lexer.Tokenize(file, diagnostics);
    }

    /// <summary>Parses a whole source file.</summary>
    public static CompilationUnitSyntax Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var parser = new Parser(file, diagnostics);
        return parser.ParseCompilationUnit();
    }

    private Token Current => _tokens[Math.Min(_position, _tokens.Count - 1)];

    private Token PeekToken(int offset) => _tokens[Math.Min(_position + offset, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private CompilationUnitSyntax ParseCompilationUnit()
    {
        Token? version = null;
        if (Current.IsKeyword("pbr"))
        {
            var pbr = Next();
            version = Current.Kind == TokenKind.Integer ? Next() : ExpectKind(TokenKind.Integer, "a language version number such as 1");
            if (!version.IsMissing && version.Value is long v && v != 1)
            {
                _diagnostics.UnsupportedVersion(Loc(version.Span), version.Text);
            }

            _ = pbr;
        }
        else
        {
            _diagnostics.MissingVersion(Loc(new TextSpan(Current.Span.Start, 0)));
        }

        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        while (!AtEnd)
        {
            var start = _position;
            if (Current.IsKeyword("scheme"))
            {
                declarations.Add(ParseScheme());
            }
            else if (Current.IsKeyword("contract"))
            {
                declarations.Add(ParseContract());
            }
            else if (Current.IsKeyword("test"))
            {
                declarations.Add(ParseTest());
            }
            else
            {
                ReportOnce(() => _diagnostics.UnexpectedTopLevel(Loc(Current.Span), Describe(Current)));
                Next();
                SkipUntil(t => t.IsKeyword("scheme") || t.IsKeyword("contract") || t.IsKeyword("test"));
            }

            if (_position == start)
            {
                Next();
            }
        }

        return new CompilationUnitSyntax(_file, new TextSpan(0, _file.Text.Length), version, declarations.ToImmutable());
    }

    // ---- token helpers ----
    private Token Next()
    {
        var token = Current;
        if (_position < _tokens.Count - 1)
        {
            _position++;
        }

        return token;
    }

    private Token ExpectKeyword(string keyword)
    {
        if (Current.IsKeyword(keyword))
        {
            return Next();
        }

        ReportOnce(() => _diagnostics.Expected(Loc(Current.Span), $"'{keyword}'", Describe(Current)));
        return Missing(TokenKind.Keyword, keyword);
    }

    private Token ExpectKind(TokenKind kind, string what)
    {
        if (Current.Kind == kind)
        {
            return Next();
        }

        ReportOnce(() => _diagnostics.Expected(Loc(Current.Span), what, Describe(Current)));
        return Missing(kind, string.Empty);
    }

    private NameSyntax ExpectName(string what)
    {
        if (Current.Kind == TokenKind.Identifier)
        {
            var token = Next();
            return new NameSyntax(token.Span, token.Text);
        }

        ReportOnce(() => _diagnostics.Expected(Loc(Current.Span), what, Describe(Current)));
        return new NameSyntax(new TextSpan(Current.Span.Start, 0), string.Empty);
    }

    private Token Missing(TokenKind kind, string text) => new(kind, new TextSpan(Current.Span.Start, 0), text, null);

    private bool TryKeyword(string keyword, out Token token)
    {
        if (Current.IsKeyword(keyword))
        {
            token = Next();
            return true;
        }

        token = null!;
        return false;
    }

    private void SkipUntil(Func<Token, bool> stop)
    {
        while (!AtEnd && !stop(Current))
        {
            Next();
        }
    }

    // One error per position: a made-up token must not cause a second report at the same place.
    private void ReportOnce(Action report)
    {
        if (_lastErrorAt == Current.Span.Start)
        {
            return;
        }

        _lastErrorAt = Current.Span.Start;
        report();
    }

    private SourceLocation Loc(TextSpan span) => new(_file, span);

    private TextSpan From(int startOffset) =>
        TextSpan.FromBounds(startOffset, Math.Max(startOffset, _tokens[Math.Max(0, _position - 1)].Span.End));

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "the end of the file",
        TokenKind.Keyword => $"'{token.Text}'",
        TokenKind.Identifier => $"name '{token.Text}'",
        TokenKind.String => $"text {token.Text}",
        _ => $"'{token.Text}'",
    };
}
