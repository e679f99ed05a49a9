namespace Pbr.Benchmarks.Tests;

public sealed class PsqlVariablesTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["as_of"] = "2018-03-31", ["who"] = "O'Brien" };

    [Test]
    public void Substitute_QuotedVariable_BecomesALiteralAndCastsStay()
    {
        var sql = PsqlVariables.Substitute("SELECT :'as_of'::date, x::int, :'who'", Variables);
        Assert.That(sql, Is.EqualTo("SELECT '2018-03-31'::date, x::int, 'O''Brien'"));
    }

    [Test]
    public void Substitute_InsideCommentsAndLiterals_LeftAlone()
    {
        const string sql = "-- a team's :'as_of'\nSELECT ':''as_of''' /* :'as_of' */, \":'as_of'\"";
        Assert.That(PsqlVariables.Substitute(sql, Variables), Is.EqualTo(sql));
    }

    [Test]
    public void Substitute_VariableNotGiven_Throws()
    {
        var thrown = Assert.Throws<ArgumentException>(() => PsqlVariables.Substitute("SELECT :'known_at'", Variables));
        Assert.That(thrown.Message, Does.StartWith("the script uses :'known_at', which was not given"));
    }
}
