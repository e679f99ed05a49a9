namespace Pbr.Engine.Import;

/// <summary>
/// One record as the CSV layer read it: its first line, its fields, and a problem with its
/// structure (encoding, quoting, an unreadable rest of file) that makes the fields untrustworthy.
/// </summary>
internal sealed record SourceRecord(int Line, string[] Fields, ImportProblem? Structural);
