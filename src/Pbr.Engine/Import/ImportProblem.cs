using System.Globalization;

namespace Pbr.Engine.Import;

/// <summary>
/// One thing wrong with an input file, where it is, and why: rendered as
/// <c>participants.csv(12,3): error PBR5012: …</c>, like a compiler's diagnostics.
/// </summary>
/// <param name="File">The file name as the caller gave it.</param>
/// <param name="Line">The 1-based line where the record starts (the header is line 1).</param>
/// <param name="Column">The 1-based position of the field in the record.</param>
/// <param name="Code">The diagnostic id, <c>PBR5xxx</c>; see <see cref="ImportMessages"/>.</param>
/// <param name="Message">The plain-English reason.</param>
public sealed record ImportProblem(string File, int Line, int Column, string Code, string Message)
{
    /// <summary>Formats as <c>file(line,column): error CODE: message</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column}): error {Code}: {Message}");
}
