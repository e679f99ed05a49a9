using System.Text.RegularExpressions;
using Pbr.Engine.Import;
using Pbr.TestKit.Fuzzing;

namespace Pbr.Engine.Tests.Fuzzing;

/// <summary>
/// What every reader's result must satisfy, whatever the input: precise problems (the file given,
/// a line and a column that exist in the input, a PBR5xxx code, a short message), and no partial
/// load (a file problem forbids loading anything; otherwise the problems are exactly those of the
/// rejected rows, which <c>--skip-bad-rows</c> leaves out; nothing read after an unreadable point).
/// </summary>
internal static partial class ImportResultRules
{
    // Messages quote values back, but never at length: a 10,000-character field must not come back whole.
    private const int MaxMessageLength = 600;

    public static FuzzVerdict Judge<T>(FuzzCase fuzzCase, ImportResult<T> result, string fileName, ImportResult<T> original, Func<T, string> describe)
    {
        var outcome = result.IsClean ? "clean" : result.CanSkipBadRows ? "bad rows rejected" : "whole file rejected";
        if (Violation(fuzzCase.Input, result, fileName) is { } broken)
        {
            return FuzzVerdict.Broken(outcome, broken);
        }

        if (fuzzCase.Mutation.PreservesCsv)
        {
            // A harmless rewrite of a valid file: the very same rows, on the same lines.
            var expected = original.Rows.Select(r => $"{r.Line}: {describe(r.Value)}");
            var actual = result.Rows.Select(r => $"{r.Line}: {describe(r.Value)}");
            if (!result.IsClean || !expected.SequenceEqual(actual))
            {
                return FuzzVerdict.Broken(outcome, $"{fuzzCase.Mutation.Name} must read like the original, but: {string.Join("; ", result.Problems.Take(3))} rows {result.Rows.Length} vs {original.Rows.Length}");
            }
        }

        return FuzzVerdict.Ok(outcome);
    }

    private static string? Violation<T>(byte[] input, ImportResult<T> result, string fileName)
    {
        var lines = LineStarts(input);
        var headerColumns = Count(input, 0, lines.Count > 1 ? lines[1] : input.Length, (byte)',') + 1;
        foreach (var problem in result.Problems.Concat(result.FileProblems).Concat(result.Rejected.SelectMany(r => r.Problems)))
        {
            if (problem.File != fileName || !Code().IsMatch(problem.Code) || problem.Message.Length is 0 or > MaxMessageLength)
            {
                return $"imprecise problem: {Short(problem)}";
            }

            if (problem.Line < 1 || problem.Line > lines.Count)
            {
                return $"line {problem.Line} does not exist (the input has {lines.Count}): {Short(problem)}";
            }

            // A column is a field of the record starting on that line (which may run on over quoted
            // line breaks), or one past the header's last, where a missing field would be.
            var fieldsFromLine = Count(input, lines[problem.Line - 1], input.Length, (byte)',') + 1;
            if (problem.Column < 1 || problem.Column > Math.Max(fieldsFromLine, headerColumns + 1))
            {
                return $"column {problem.Column} does not exist on line {problem.Line}: {Short(problem)}";
            }
        }

        if (result.IsClean != result.Problems.IsEmpty || (result.IsClean && (!result.Rejected.IsEmpty || !result.FileProblems.IsEmpty)))
        {
            return "a clean result with problems or rejected rows";
        }

        if (!result.FileProblems.All(result.Problems.Contains))
        {
            return "a file problem missing from the problems";
        }

        if (result.Rejected.Any(r => r.Problems.IsEmpty || r.Problems.Any(p => p.Line != r.Line)))
        {
            return "a rejected row without a reason, or with a reason on another line";
        }

        // Loading the good rows is allowed only when every problem is a rejected row's.
        var rowProblems = result.Rejected.SelectMany(r => r.Problems).ToHashSet();
        if (result.CanSkipBadRows && !result.Problems.All(rowProblems.Contains))
        {
            return "the good rows may be loaded, yet a problem belongs to no rejected row";
        }

        var accepted = result.Rows.Select(r => r.Line).ToList();
        if (accepted.Zip(accepted.Skip(1)).Any(p => p.First >= p.Second) || accepted.Intersect(result.Rejected.Select(r => r.Line)).Any())
        {
            return "accepted rows out of order, or a line both accepted and rejected";
        }

        if (result.FileProblems.FirstOrDefault(p => p.Code == "PBR5009") is { } unreadable && accepted.Any(l => l >= unreadable.Line))
        {
            return $"a row accepted at or after the point the file became unreadable: {unreadable}";
        }

        return null;
    }

    /// <summary>Gets the offset of every line's start: lines end at LF, CRLF or a lone CR.</summary>
    private static List<int> LineStarts(byte[] input)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'\n' || (input[i] == (byte)'\r' && (i + 1 == input.Length || input[i + 1] != (byte)'\n')))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int Count(byte[] input, int from, int to, byte value) => input.AsSpan(from, to - from).Count(value);

    private static string Short(ImportProblem problem) => problem.ToString()[..Math.Min(300, problem.ToString().Length)];

    [GeneratedRegex("^PBR5[0-9]{3}$")]
    private static partial Regex Code();
}
