using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

internal sealed partial class Parser
{
    private static readonly string[] SchemeItemKeywords =
        ["rounding", "attribute", "evidence", "term", "table", "taper", "outcome", "cohort", "cap"];

    private static bool IsTopLevel(Token t) => t.IsKeyword("scheme") || t.IsKeyword("contract") || t.IsKeyword("test");

    private static bool StartsSchemeItem(Token t) => t.Kind == TokenKind.Keyword && SchemeItemKeywords.Contains(t.Text);

    private SchemeSyntax ParseScheme()
    {
        var start = Next().Span.Start;
        var name = ExpectName("the scheme's name");
        var items = ImmutableArray.CreateBuilder<SchemeItemSyntax>();
        while (!AtEnd && !IsTopLevel(Current))
        {
            if (Current.IsKeyword("end"))
            {
                // After an error, an 'end' followed by another scheme line closed a block whose start
                // was lost; the scheme goes on.
                if (_lastErrorAt >= 0 && StartsSchemeItem(PeekToken(1)))
                {
                    Next();
                    continue;
                }

                break;
            }

            var before = _position;
            var item = ParseSchemeItem();
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
        return new SchemeSyntax(From(start), name, items.ToImmutable());
    }

    private SchemeItemSyntax? ParseSchemeItem()
    {
        var start = Current.Span.Start;
        switch (Current.Text)
        {
            case "rounding" when Current.Kind == TokenKind.Keyword:
                Next();
                return new RoundingSyntax(From(start), ExpectName("a rounding rule such as half_away_from_zero"));
            case "attribute" when Current.Kind == TokenKind.Keyword:
                Next();
                return ParseAttributeRest(start);
            case "evidence" when Current.Kind == TokenKind.Keyword:
                return ParseEvidence();
            case "term" when Current.Kind == TokenKind.Keyword:
            {
                Next();
                var name = ExpectName("the term's name");
                ExpectKind(TokenKind.Colon, "':'");
                return new TermSyntax(From(start), name, ParseType());
            }

            case "table" when Current.Kind == TokenKind.Keyword:
                return ParseTable();
            case "taper" when Current.Kind == TokenKind.Keyword:
                return ParseTaper();
            case "outcome" when Current.Kind == TokenKind.Keyword:
                return ParseOutcome();
            case "cohort" when Current.Kind == TokenKind.Keyword:
                return PeekToken(1).IsKeyword("outcome") ? ParseCohortOutcome() : ParseCohort();
            case "cap" when Current.Kind == TokenKind.Keyword:
                return ParseCap();
            default:
                ReportOnce(() => _diagnostics.UnexpectedInScheme(Loc(Current.Span), Describe(Current)));
                Next();
                SkipUntil(t => StartsSchemeItem(t) || t.IsKeyword("end") || IsTopLevel(t));
                return null;
        }
    }

    private AttributeSyntax ParseAttributeRest(int start)
    {
        var name = ExpectName("the attribute's name");
        ExpectKind(TokenKind.Colon, "':'");
        return new AttributeSyntax(From(start), name, ParseType());
    }

    private TypeSyntax ParseType()
    {
        var start = Current.Span.Start;
        if (TryKeyword("one", out _))
        {
            ExpectKeyword("of");
            var values = ImmutableArray.CreateBuilder<Token>();
            values.Add(ExpectKind(TokenKind.String, "a value in quotes"));
            while (Current.Kind == TokenKind.Comma)
            {
                Next();
                values.Add(ExpectKind(TokenKind.String, "a value in quotes"));
            }

            return new TypeSyntax(From(start), null, values.ToImmutable());
        }

        if (Current.Kind == TokenKind.Identifier || Current.IsKeyword("days") || Current.IsKeyword("weeks"))
        {
            var word = Next();
            return new TypeSyntax(From(start), word, []);
        }

        var missing = ExpectKind(TokenKind.Identifier, "a type (money, rate, int, bool, date, days, weeks, text or one of \"…\")");
        return new TypeSyntax(From(start), missing, []);
    }

    private EvidenceSyntax ParseEvidence()
    {
        var start = Next().Span.Start;
        var name = ExpectName("the evidence kind's name");
        ExpectKind(TokenKind.Colon, "':'");
        Token shape;
        if (Current.IsKeyword("spell") || Current.IsKeyword("event"))
        {
            shape = Next();
        }
        else
        {
            shape = ExpectKeyword("spell");
        }

        var attributes = ImmutableArray.CreateBuilder<AttributeSyntax>();
        if (TryKeyword("with", out _))
        {
            do
            {
                attributes.Add(ParseAttributeRest(Current.Span.Start));
            }
            while (Current.Kind == TokenKind.Comma && Next() is not null);
        }

        return new EvidenceSyntax(From(start), name, shape, attributes.ToImmutable());
    }

    private TableSyntax ParseTable()
    {
        var start = Next().Span.Start;
        var name = ExpectName("the table's name");
        ExpectKeyword("by");
        var key = ExpectName("the attribute the table is keyed by");
        NameSyntax? effective = null;
        if (TryKeyword("effective", out _))
        {
            ExpectKeyword("on");
            effective = ExpectName("the date the rows are effective on, e.g. start_date");
        }

        ExpectKeyword("hit");
        NameSyntax policy;
        if (Current.Kind is TokenKind.Keyword or TokenKind.Identifier)
        {
            var t = Next();
            policy = new NameSyntax(t.Span, t.Text);
        }
        else
        {
            policy = ExpectName("a hit policy ('unique')");
        }

        ExpectKeyword("columns");
        var columns = ImmutableArray.CreateBuilder<ColumnSyntax>();
        do
        {
            var columnStart = Current.Span.Start;
            var columnName = ExpectName("a column name");
            ExpectKind(TokenKind.Colon, "':'");
            columns.Add(new ColumnSyntax(From(columnStart), columnName, ParseType()));
        }
        while (Current.Kind == TokenKind.Comma && Next() is not null);

        var rows = ImmutableArray.CreateBuilder<TableRowSyntax>();
        while (Current.Kind == TokenKind.String)
        {
            var rowStart = Current.Span.Start;
            var rowKey = Next();
            var (from, until) = ParsePeriod();
            ExpectKind(TokenKind.Colon, "':'");
            var cells = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            cells.Add(ParseExpression());
            while (Current.Kind == TokenKind.Comma)
            {
                Next();
                cells.Add(ParseExpression());
            }

            rows.Add(new TableRowSyntax(From(rowStart), rowKey, from, until, cells.ToImmutable()));
        }

        ExpectKeyword("end");
        return new TableSyntax(From(start), name, key, effective, policy, columns.ToImmutable(), rows.ToImmutable());
    }

    private (Token? From, Token? Until) ParsePeriod()
    {
        Token? from = null;
        Token? until = null;
        if (TryKeyword("from", out _))
        {
            from = ExpectKind(TokenKind.Date, "a date (yyyy-MM-dd)");
        }

        if (TryKeyword("until", out _))
        {
            until = ExpectKind(TokenKind.Date, "a date (yyyy-MM-dd)");
        }

        return (from, until);
    }

    private TaperSyntax ParseTaper()
    {
        var start = Next().Span.Start;
        var name = ExpectName("the taper's name");
        ExpectKeyword("on");
        var on = ExpectName("the date the taper steps on, e.g. start_date");
        var byFinancialYear = false;
        if (TryKeyword("by", out _))
        {
            ExpectKeyword("financial_year");
            byFinancialYear = true;
        }

        var steps = ImmutableArray.CreateBuilder<TaperStepSyntax>();
        while (Current.IsKeyword("from") || Current.IsKeyword("until"))
        {
            var stepStart = Current.Span.Start;
            var (from, until) = ParsePeriod();
            ExpectKind(TokenKind.Colon, "':'");
            steps.Add(new TaperStepSyntax(From(stepStart), from, until, ParseExpression()));
        }

        ExpectKeyword("end");
        return new TaperSyntax(From(start), name, on, byFinancialYear, steps.ToImmutable());
    }

    private OutcomeSyntax ParseOutcome()
    {
        var start = Next().Span.Start;
        var name = ExpectName("the outcome's name");
        ExpectKeyword("due");
        var trigger = ParseTrigger();
        var (guard, pay, rounding) = ParsePayment();
        ExpectKeyword("end");
        return new OutcomeSyntax(From(start), name, trigger, guard, pay, rounding);
    }

    private (ExpressionSyntax? Guard, ExpressionSyntax Pay, NameSyntax? Rounding) ParsePayment()
    {
        ExpressionSyntax? guard = null;
        if (TryKeyword("when", out _))
        {
            guard = ParseExpression();
        }

        ExpectKeyword("pay");
        var pay = ParseExpression();
        NameSyntax? rounding = null;
        if (TryKeyword("rounded", out _))
        {
            rounding = ExpectName("a rounding rule such as half_away_from_zero");
        }

        return (guard, pay, rounding);
    }

    private TriggerSyntax ParseTrigger()
    {
        var start = Current.Span.Start;
        if (TryKeyword("on", out _))
        {
            ExpectKeyword("start");
            return new OnStartTriggerSyntax(From(start));
        }

        if (TryKeyword("when", out _))
        {
            var mode = Current.IsKeyword("cumulative") || Current.IsKeyword("continuous") ? Next() : ExpectKeyword("cumulative");
            var evidence = ExpectName("an evidence kind (a spell)");
            ExpectKeyword("reaches");
            var reaches = ParseExpression();
            ExpectKeyword("within");
            var within = ParseExpression();
            return new ThresholdTriggerSyntax(From(start), mode, evidence, reaches, within);
        }

        if (TryKeyword("every", out _))
        {
            var every = ParseExpression();
            ExpectKeyword("of");
            ExpectKeyword("continuous");
            var evidence = ExpectName("an evidence kind (a spell)");
            ExpectKeyword("after");
            var after = ExpectName("the outcome the instalments follow");
            ExpectKeyword("at");
            ExpectKeyword("most");
            var atMost = ParseExpression();
            ExpectKeyword("times");
            return new RecurringTriggerSyntax(From(start), every, evidence, after, atMost);
        }

        ReportOnce(() => _diagnostics.Expected(Loc(Current.Span), "'on start', 'when …' or 'every …' after 'due'", Describe(Current)));
        return new OnStartTriggerSyntax(new TextSpan(Current.Span.Start, 0));
    }

    private CohortSyntax ParseCohort()
    {
        var start = Next().Span.Start;
        ExpectKeyword("quarterly");
        ExpectKeyword("counts");
        var evidence = ExpectName("an evidence kind (an event)");
        ExpectKeyword("occurring");
        ExpectKeyword("within");
        var occurring = ParseExpression();
        ExpectKeyword("after");
        ExpectKeyword("start");
        ExpectKeyword("recorded");
        ExpectKeyword("within");
        var recorded = ParseExpression();
        ExpectKeyword("after");
        ExpectKeyword("start");
        ExpectKeyword("settles");
        var settles = ParseExpression();
        ExpectKeyword("after");
        ExpectKeyword("quarter");
        ExpectKeyword("ends");
        ExpectKeyword("end");
        return new CohortSyntax(From(start), evidence, occurring, recorded, settles);
    }

    private CohortOutcomeSyntax ParseCohortOutcome()
    {
        var start = Next().Span.Start;
        Next();
        var name = ExpectName("the outcome's name");
        var (guard, pay, rounding) = ParsePayment();
        ExpectKeyword("end");
        return new CohortOutcomeSyntax(From(start), name, guard, pay, rounding);
    }

    private CapSyntax ParseCap()
    {
        var start = Next().Span.Start;
        var amount = ParseExpression();
        ExpectKeyword("per");
        var scope = Current.IsKeyword("participant") || Current.IsKeyword("cohort") || Current.IsKeyword("contract")
            ? Next()
            : ExpectKeyword("participant");

        // "year" is not reserved: it is read as a word only right after "per contract".
        Token? year = scope.IsKeyword("contract") && Current.Kind == TokenKind.Identifier && Current.Text == "year" ? Next() : null;
        ExpectKeyword("in");
        ExpectKeyword("order");
        var order = ImmutableArray.CreateBuilder<NameSyntax>();
        order.Add(ExpectName("an outcome"));
        while (Current.Kind == TokenKind.Comma)
        {
            Next();
            order.Add(ExpectName("an outcome"));
        }

        return new CapSyntax(From(start), amount, scope, order.ToImmutable(), year);
    }
}
