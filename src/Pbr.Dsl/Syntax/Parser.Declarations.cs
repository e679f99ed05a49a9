using System.Collections.Immutable;

namespace Pbr.Dsl.Syntax;

internal sealed partial class Parser
{
    private static readonly string[] ContractKeywords = ["scheme", "provider", "starts", "ends", "discount"];

    private ContractSyntax ParseContract()
    {
        var start = Next().Span.Start;
        var id = ExpectKind(TokenKind.String, "the contract id in quotes, e.g. \"WP-CPA1-ALPHA\"");
        var items = ImmutableArray.CreateBuilder<ContractItemSyntax>();
        while (!AtEnd && !Current.IsKeyword("end") && !Current.IsKeyword("contract") && !Current.IsKeyword("test"))
        {
            var itemStart = Current.Span.Start;
            if (Current.Kind == TokenKind.Keyword && ContractKeywords.Contains(Current.Text))
            {
                var label = Next();
                var value = label.Text == "scheme"
                    ? NameValue(ExpectName("the scheme's name"))
                    : ParseExpression();
                items.Add(new ContractItemSyntax(From(itemStart), label, false, value));
            }
            else if (Current.Kind == TokenKind.Identifier)
            {
                var label = Next();
                ExpectKind(TokenKind.Equals, "'='");
                items.Add(new ContractItemSyntax(From(itemStart), label, true, ParseExpression()));
            }
            else
            {
                ReportOnce(() => _diagnostics.UnexpectedInContract(Loc(Current.Span), Describe(Current)));
                Next();
                SkipUntil(t => t.Kind == TokenKind.Identifier || t.IsKeyword("end") || IsTopLevel(t)
                    || (t.Kind == TokenKind.Keyword && ContractKeywords.Contains(t.Text)));
            }
        }

        ExpectKeyword("end");
        return new ContractSyntax(From(start), id, items.ToImmutable());
    }

    private static NameExpressionSyntax NameValue(NameSyntax name) => new(name.Span, name);
}
