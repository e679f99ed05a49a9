using System.Text.RegularExpressions;

namespace Pbr.Ledger.Postgres.Tests.Faults;

/// <summary>
/// A plain text scan of C# source (no Roslyn) for SQL built from values: interpolated strings
/// (<c>$"…"</c>, <c>$@"…"</c>, <c>$"""…"""</c>) that hold a SQL keyword and a hole whose
/// expression is not a constant, and string literals with a SQL keyword joined with <c>+</c>.
/// It reads nested strings inside holes, so <c>{string.Join(", ", x)}</c> does not derail it.
/// </summary>
internal static partial class SqlTextScan
{
    /// <summary>Finds every suspect in one file's text: (line, the hole or the concatenation).</summary>
    public static List<(int Line, string What)> Scan(string source) => Scan(source, out _);

    /// <summary>Finds every suspect, and counts the literals holding SQL (to show the scan saw them).</summary>
    public static List<(int Line, string What)> Scan(string source, out int sqlLiterals)
    {
        sqlLiterals = 0;
        var constants = Constant().Matches(source).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var found = new List<(int, string)>();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                i = source.IndexOf('\n', i) is var end and >= 0 ? end : source.Length;
                continue;
            }

            if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 1 : source.Length;
                continue;
            }

            if (source[i] == '\'')
            {
                i = SkipChar(source, i);
                continue;
            }

            if (source[i] is not ('$' or '@' or '"'))
            {
                continue;
            }

            var start = i;
            var literal = ReadLiteral(source, ref i);
            if (literal is null)
            {
                continue;
            }

            var (body, holes) = literal.Value;
            if (!Keyword().IsMatch(body))
            {
                continue;
            }

            sqlLiterals++;
            var line = source[..start].Count(c => c == '\n') + 1;
            found.AddRange(holes.Where(h => !constants.Contains(h.Trim())).Select(h => (line, "{" + h.Trim() + "}")));
            var before = source[..start].TrimEnd();
            var after = source[(i + 1)..].TrimStart();
            if (before.EndsWith('+') || (after.StartsWith('+') && !after.StartsWith("++", StringComparison.Ordinal)))
            {
                found.Add((line, "string concatenation with +"));
            }
        }

        return found;
    }

    // Reads the literal starting at i (i ends on its last character): its text outside holes, and each hole's expression.
    private static (string Body, List<string> Holes)? ReadLiteral(string s, ref int i)
    {
        var p = i;
        var dollars = 0;
        var verbatim = false;
        while (p < s.Length && (s[p] == '$' || s[p] == '@'))
        {
            dollars += s[p] == '$' ? 1 : 0;
            verbatim |= s[p] == '@';
            p++;
        }

        if (p >= s.Length || s[p] != '"' || (p > i && dollars == 0 && !verbatim))
        {
            return null;
        }

        var quotes = 0;
        while (p + quotes < s.Length && s[p + quotes] == '"')
        {
            quotes++;
        }

        var raw = quotes >= 3;
        if (!raw && quotes == 2)
        {
            i = p + 1; // the empty string ""
            return null;
        }

        p += raw ? quotes : 1;
        var body = new System.Text.StringBuilder();
        var holes = new List<string>();
        while (p < s.Length)
        {
            if (raw && string.CompareOrdinal(s, p, new string('"', quotes), 0, quotes) == 0)
            {
                i = p + quotes - 1;
                return (body.ToString(), holes);
            }

            if (!raw && s[p] == '"')
            {
                if (verbatim && p + 1 < s.Length && s[p + 1] == '"')
                {
                    p += 2;
                    continue;
                }

                i = p;
                return (body.ToString(), holes);
            }

            if (!raw && !verbatim && s[p] == '\\')
            {
                p += 2;
                continue;
            }

            var open = dollars == 0 ? 0 : Math.Max(dollars, 1);
            if (open > 0 && Repeats(s, p, '{', open) && !Repeats(s, p, '{', open + 1))
            {
                p += open;
                var hole = new System.Text.StringBuilder();
                var depth = 0;
                while (p < s.Length && (depth > 0 || !Repeats(s, p, '}', open)))
                {
                    if (s[p] == '"' || (s[p] is '$' or '@' && p + 1 < s.Length && s[p + 1] is '"' or '$' or '@'))
                    {
                        var q = p;
                        _ = ReadLiteral(s, ref q);
                        hole.Append(s, p, q - p + 1);
                        p = q + 1;
                        continue;
                    }

                    if (s[p] == '\'')
                    {
                        var q = SkipChar(s, p);
                        hole.Append(s, p, q - p + 1);
                        p = q + 1;
                        continue;
                    }

                    depth += s[p] switch { '{' or '(' or '[' => 1, '}' or ')' or ']' => -1, _ => 0 };
                    hole.Append(s[p]);
                    p++;
                }

                // A format or alignment after the expression (":N0", ",5") is not part of it.
                holes.Add(FormatSuffix().Replace(hole.ToString(), string.Empty));
                p += open;
                continue;
            }

            body.Append(s[p]);
            p++;
        }

        i = s.Length;
        return null;
    }

    private static bool Repeats(string s, int at, char c, int count)
    {
        for (var k = 0; k < count; k++)
        {
            if (at + k >= s.Length || s[at + k] != c)
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipChar(string s, int at)
    {
        var end = s[at + 1] == '\\' ? s.IndexOf('\'', at + 3) : at + 2;
        return end < 0 || end >= s.Length || s[end] != '\'' ? at : end;
    }

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE|COPY|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE)\b")]
    private static partial Regex Keyword();

    [GeneratedRegex(@"\bconst\s+\w+\s+(\w+)\s*=")]
    private static partial Regex Constant();

    [GeneratedRegex(@"(?<=^[^""]*)[:,][^""(){}\[\]]*$")]
    private static partial Regex FormatSuffix();
}
