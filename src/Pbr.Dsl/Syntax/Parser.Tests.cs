using System.Collections.Immutable;

namespace Pbr.Dsl.Syntax;

internal sealed partial class Parser
{
    private static readonly string[] TestKeywords = ["contract", "cohort", "participant", "participants", "as", "expect"];

    private static bool StartsTestItem(Token t) =>
        t.Kind == TokenKind.Identifier || (t.Kind == TokenKind.Keyword && TestKeywords.Contains(t.Text));

    private TestSyntax ParseTest()
    {
        var start = Next().Span.Start;
        var name = ExpectKind(TokenKind.String, "the test's name in quotes");
        var items = ImmutableArray.CreateBuilder<TestItemSyntax>();
        while (!AtEnd && !Current.IsKeyword("end") && !Current.IsKeyword("test") && !Current.IsKeyword("scheme"))
        {
            var before = _position;
            var item = ParseTestItem();
            if (item is not null)
            {
                items.Add(item);
            }

            if (_position == before)
            {
                Next();
            }
        }

        ExpectKeyword("end");
        return new TestSyntax(From(start), name, items.ToImmutable());
    }

    private TestItemSyntax? ParseTestItem()
    {
        var start = Current.Span.Start;
        if (Current.Kind == TokenKind.Identifier)
        {
            return ParseTestEvidence();
        }

        switch (Current.Kind == TokenKind.Keyword ? Current.Text : string.Empty)
        {
            case "contract":
                Next();
                return new TestContractSyntax(From(start), ExpectKind(TokenKind.String, "the contract id in quotes"));
            case "cohort":
                Next();
                return new TestCohortSyntax(From(start), ExpectKind(TokenKind.String, "the cohort's name in quotes, e.g. \"2012-Q1\""));
            case "participant":
            {
                Next();
                var id = ExpectKind(TokenKind.String, "the participant id in quotes");
                ExpectKeyword("starts");
                var starts = ExpectKind(TokenKind.Date, "the start date (yyyy-MM-dd)");
                return new TestParticipantSyntax(From(start), id, starts, ParseTestAttributes());
            }

            case "participants":
            {
                Next();
                var prefix = ExpectKind(TokenKind.String, "the id prefix in quotes, e.g. \"A\"");
                var first = ExpectKind(TokenKind.Integer, "the first number");
                ExpectKeyword("to");
                var last = ExpectKind(TokenKind.Integer, "the last number");
                ExpectKeyword("starts");
                var starts = ExpectKind(TokenKind.Date, "the start date (yyyy-MM-dd)");
                return new TestParticipantsSyntax(From(start), prefix, first, last, starts, ParseTestAttributes());
            }

            case "as":
            {
                Next();
                ExpectKeyword("of");
                var asOf = ExpectKind(TokenKind.Date, "the as-of date (yyyy-MM-dd)");
                Token? knownAt = null;
                if (TryKeyword("known", out _))
                {
                    ExpectKeyword("at");
                    knownAt = ExpectKind(TokenKind.Date, "the known-at date (yyyy-MM-dd)");
                }

                return new TestAsOfSyntax(From(start), asOf, knownAt);
            }

            case "expect":
                return ParseExpect();
            default:
                ReportOnce(() => _diagnostics.UnexpectedInTest(Loc(Current.Span), Describe(Current)));
                Next();
                SkipUntil(t => StartsTestItem(t) || t.IsKeyword("end") || IsTopLevel(t));
                return null;
        }
    }

    private ImmutableArray<TestAttributeSyntax> ParseTestAttributes()
    {
        var attributes = ImmutableArray.CreateBuilder<TestAttributeSyntax>();
        if (!TryKeyword("with", out _))
        {
            return attributes.ToImmutable();
        }

        do
        {
            var start = Current.Span.Start;
            var name = ExpectName("an attribute name");
            ExpectKind(TokenKind.Equals, "'='");
            var value = Current.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Decimal or TokenKind.Money
                or TokenKind.Date or TokenKind.Percent
                ? Next()
                : ExpectKind(TokenKind.String, "the attribute's value");
            attributes.Add(new TestAttributeSyntax(From(start), name, value));
        }
        while (Current.Kind == TokenKind.Comma && Next() is not null);

        return attributes.ToImmutable();
    }

    private TestEvidenceSyntax ParseTestEvidence()
    {
        var start = Current.Span.Start;
        var kindToken = Next();
        var kind = new NameSyntax(kindToken.Span, kindToken.Text);
        var id = ExpectKind(TokenKind.String, "the evidence id in quotes");
        Token? forId = null;
        if (TryKeyword("for", out _))
        {
            forId = ExpectKind(TokenKind.String, "the participant id in quotes");
        }

        Token dateKeyword;
        Token? end = null;
        if (Current.IsKeyword("on"))
        {
            dateKeyword = Next();
        }
        else
        {
            dateKeyword = ExpectKeyword("from");
        }

        var startDate = ExpectKind(TokenKind.Date, "a date (yyyy-MM-dd)");
        if (dateKeyword.Text == "from" && TryKeyword("to", out _))
        {
            end = ExpectKind(TokenKind.Date, "the spell's last day (yyyy-MM-dd)");
        }

        var status = Current.Kind is TokenKind.Keyword or TokenKind.Identifier && !Current.IsKeyword("end")
            ? Next()
            : ExpectKeyword("verified");
        Token? recorded = null;
        if (TryKeyword("recorded", out _))
        {
            recorded = ExpectKind(TokenKind.Date, "the date it was recorded (yyyy-MM-dd)");
        }

        return new TestEvidenceSyntax(From(start), kind, id, forId, dateKeyword, startDate, end, status, recorded);
    }

    private TestItemSyntax ParseExpect()
    {
        var start = Next().Span.Start;
        if (TryKeyword("no", out _))
        {
            ExpectKeyword("lines");
            return new TestExpectNoLinesSyntax(From(start));
        }

        if (TryKeyword("problem", out _))
        {
            return new TestExpectProblemSyntax(From(start), ExpectName("a problem kind (no_rule_applies, rules_conflict, bad_data)"));
        }

        var outcome = ExpectName("an outcome name, 'no lines' or 'problem'");
        Token? instalment = null;
        Token? last = null;
        if (Current.Kind == TokenKind.Integer)
        {
            instalment = Next();
            if (TryKeyword("to", out _))
            {
                last = ExpectKind(TokenKind.Integer, "the last instalment");
            }
        }

        var amount = ExpectKind(TokenKind.Money, "the amount, e.g. £1,200.00");
        Token? every = null;
        Token due;
        if (TryKeyword("every", out _))
        {
            every = ExpectKind(TokenKind.Integer, "the number of days between instalments");
            ExpectKeyword("days");
            ExpectKeyword("from");
            due = ExpectKind(TokenKind.Date, "the first due date (yyyy-MM-dd)");
        }
        else
        {
            ExpectKeyword("on");
            due = ExpectKind(TokenKind.Date, "the due date (yyyy-MM-dd)");
        }

        return new TestExpectLineSyntax(From(start), outcome, instalment, last, amount, due, every);
    }
}
