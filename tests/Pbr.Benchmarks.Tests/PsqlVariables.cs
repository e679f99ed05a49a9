using System.Text;
using System.Text.RegularExpressions;

namespace Pbr.Benchmarks.Tests;

/// <summary>
/// Substitutes psql's <c>:'name'</c> variables in a script as <c>psql -v name=value</c> does (the
/// value as a quoted literal), so that tests/perf/baseline.sql runs unchanged through Npgsql.
/// Like psql, nothing is substituted inside string literals, quoted identifiers or comments, and
/// <c>::</c> is a cast.
/// </summary>
public static partial class PsqlVariables
{
    /// <summary>Returns <paramref name="script"/> with every <c>:'name'</c> replaced; throws on a name not given.</summary>
    public static string Substitute(string script, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        var result = new StringBuilder(script.Length);
        var i = 0;
        while (i < script.Length)
        {
            var skipped = SkipQuotedOrComment(script, i);
            if (skipped > i)
            {
                result.Append(script, i, skipped - i);
                i = skipped;
                continue;
            }

            if (script[i] == ':' && i + 1 < script.Length && script[i + 1] == ':')
            {
                result.Append("::");
                i += 2;
                continue;
            }

            if (script[i] == ':' && QuotedVariable().Match(script, i) is { Success: true } variable)
            {
                var name = variable.Groups[1].Value;
                if (!variables.TryGetValue(name, out var value))
                {
                    throw new ArgumentException($"the script uses :'{name}', which was not given", nameof(variables));
                }

                result.Append('\'').Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                i += variable.Length;
                continue;
            }

            result.Append(script[i]);
            i++;
        }

        return result.ToString();
    }

    // The end of a '...' literal, "..." identifier, -- comment or /* */ comment starting at i; i when none does.
    private static int SkipQuotedOrComment(string script, int i)
    {
        switch (script[i])
        {
            case '\'' or '"':
                var close = script.IndexOf(script[i], i + 1);
                return close < 0 ? script.Length : close + 1;   // a doubled quote is two adjacent literals here: same result
            case '-' when i + 1 < script.Length && script[i + 1] == '-':
                var newline = script.IndexOf('\n', i);
                return newline < 0 ? script.Length : newline + 1;
            case '/' when i + 1 < script.Length && script[i + 1] == '*':
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                return end < 0 ? script.Length : end + 2;
            default:
                return i;
        }
    }

    [GeneratedRegex("""\G:'([A-Za-z_][A-Za-z0-9_]*)'""")]
    private static partial Regex QuotedVariable();
}
