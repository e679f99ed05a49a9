using System.Collections.Immutable;
using System.Text;

namespace Pbr.Dsl.Testing;

/// <summary>The outcome of running the tests written inside tariff sources (<c>pbr test</c>).</summary>
public sealed record TestReport(ImmutableArray<TestCaseResult> Cases)
{
    /// <summary>Gets the number of cases that passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>Gets the number of cases that failed.</summary>
    public int Failed => Cases.Count(c => !c.Passed);

    /// <summary>Gets a value indicating whether every case passed.</summary>
    public bool AllPassed => Cases.All(c => c.Passed);

    /// <summary>Renders each failure with its location, expected and actual lines, then the counts.</summary>
    public string Render()
    {
        var builder = new StringBuilder();
        foreach (var result in Cases.Where(c => !c.Passed))
        {
            builder.Append(result.Location).Append(": test \"").Append(result.Name).Append("\" failed\n");
            foreach (var line in result.Failures)
            {
                builder.Append("    ").Append(line).Append('\n');
            }
        }

        builder.Append(Passed).Append(" passed, ").Append(Failed).Append(" failed\n");
        return builder.ToString();
    }
}
