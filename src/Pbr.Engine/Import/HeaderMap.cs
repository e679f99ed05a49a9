namespace Pbr.Engine.Import;

/// <summary>
/// The columns of a file by name, checked against the closed world: every fixed column present,
/// no column twice, and no column that neither the file format nor any scheme declares.
/// </summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, int> _index;

    private HeaderMap(string[] names, Dictionary<string, int> index, bool usable)
    {
        Names = names;
        _index = index;
        Usable = usable;
    }

    /// <summary>Gets the header names as read.</summary>
    public string[] Names { get; }

    /// <summary>Gets a value indicating whether rows can be read: every fixed column is present.</summary>
    public bool Usable { get; }

    public int Count => Names.Length;

    /// <summary>Gets the 0-based index of a column, or -1 when the file has no such column.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    public static HeaderMap Check(
        SourceRecord header,
        string fileName,
        IReadOnlyList<string> fixedColumns,
        IReadOnlyCollection<string> attributeColumns,
        string fileKind,
        List<ImportProblem> problems)
    {
        var names = header.Fields.ToArray();
        if (names.Length > 0)
        {
            // A byte order mark that survived decoding must not become part of the first name.
            names[0] = names[0].TrimStart('\uFEFF');
        }

        if (header.Structural is { } structural)
        {
            problems.Add(structural);
            return new HeaderMap(names, new Dictionary<string, int>(StringComparer.Ordinal), usable: false);
        }

        if (names.Any(n => n.Contains('\0', StringComparison.Ordinal)))
        {
            // UTF-16 without a byte order mark is valid UTF-8 byte by byte, but every other byte is NUL.
            Add(problems, fileName, header.Line, 1, ImportMessages.LooksLikeUtf16());
            return new HeaderMap(names, new Dictionary<string, int>(StringComparer.Ordinal), usable: false);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = fixedColumns.Concat(attributeColumns).ToList();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (!index.TryAdd(name, i))
            {
                Add(problems, fileName, header.Line, i + 1, ImportMessages.DuplicateColumn(name, index[name] + 1));
            }
            else if (!known.Contains(name, StringComparer.Ordinal))
            {
                var suggestion = known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase));
                Add(problems, fileName, header.Line, i + 1, ImportMessages.UnknownColumn(name, suggestion));
            }
        }

        var usable = true;
        foreach (var column in fixedColumns.Where(c => !index.ContainsKey(c)))
        {
            Add(problems, fileName, header.Line, 1, ImportMessages.MissingColumn(column, $"every {fileKind} file needs"));
            usable = false;
        }

        return new HeaderMap(names, index, usable);
    }

    private static void Add(List<ImportProblem> problems, string file, int line, int column, ImportMessage message) =>
        problems.Add(new ImportProblem(file, line, column, message.Code, message.Text));
}
