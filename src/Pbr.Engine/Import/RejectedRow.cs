using System.Collections.Immutable;

namespace Pbr.Engine.Import;

/// <summary>A row that failed a check: its raw fields as read, and every problem found in it.</summary>
public sealed record RejectedRow(int Line, ImmutableArray<string> Fields, ImmutableArray<ImportProblem> Problems)
{
    /// <summary>Gets the problems as one line of text, for a rejects file.</summary>
    public string Reason => string.Join("; ", Problems.Select(p => $"{p.Code} (column {p.Column}): {p.Message}"));
}
