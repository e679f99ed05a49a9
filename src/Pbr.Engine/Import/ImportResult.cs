using System.Collections.Immutable;

namespace Pbr.Engine.Import;

/// <summary>
/// Everything one read of one file found: the good rows with their line numbers, the bad rows
/// with their reasons, and every problem, in file order. Nothing is dropped silently.
/// </summary>
/// <param name="FileName">The file name used in messages.</param>
/// <param name="Header">The header row as read (empty when the file is empty).</param>
/// <param name="Rows">The rows that passed every check, each key once.</param>
/// <param name="Rejected">The rows that failed a check.</param>
/// <param name="Problems">Every problem, those of the file as a whole and those of rows.</param>
/// <param name="FileProblems">Problems of the file as a whole (empty file, header, unreadable input).</param>
/// <param name="DuplicateRows">Rows that repeated an earlier row exactly, and so had no further effect.</param>
public sealed record ImportResult<T>(
    string FileName,
    ImmutableArray<string> Header,
    ImmutableArray<ImportedRow<T>> Rows,
    ImmutableArray<RejectedRow> Rejected,
    ImmutableArray<ImportProblem> Problems,
    ImmutableArray<ImportProblem> FileProblems,
    int DuplicateRows)
{
    /// <summary>Gets a value indicating whether the whole file may be loaded: no problem at all.</summary>
    public bool IsClean => Problems.IsEmpty;

    /// <summary>
    /// Gets a value indicating whether loading only the good rows (<c>--skip-bad-rows</c>) is
    /// possible: every problem belongs to a rejected row, none to the file as a whole.
    /// </summary>
    public bool CanSkipBadRows => FileProblems.IsEmpty;
}
