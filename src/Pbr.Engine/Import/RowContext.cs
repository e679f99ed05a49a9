using System.Collections.Immutable;
using Pbr.Dsl;
using NodaTime;
using NodaTime.Text;

namespace Pbr.Engine.Import;

/// <summary>
/// One data row being checked: reads its fields by column name and collects every problem found
/// in it, each at the row's line and the field's column. Checks never stop at the first problem.
/// </summary>
/// <remarks>
/// One instance serves every row of a file (<see cref="Reset"/>), and it remembers the dates and
/// attribute sets it has seen: a national file repeats a few thousand dates and a handful of
/// payment groups millions of times, and parsing or allocating them once each keeps a read of
/// millions of rows fast and its result small.
/// </remarks>
internal sealed class RowContext
{
    private const int CacheLimit = 1 << 16;

    private static readonly ImmutableSortedDictionary<string, string> NoAttributes =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    private readonly string _file;
    private readonly HeaderMap _header;
    private readonly Action<string, string> _missingColumn;
    private readonly Dictionary<string, LocalDate> _dates = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scheme, string Kind, string Values), ImmutableSortedDictionary<string, string>> _attributeSets = [];
    private readonly List<string> _values = [];
    private SourceRecord _record = null!;

    public RowContext(string file, HeaderMap header, Action<string, string> missingColumn)
    {
        _file = file;
        _header = header;
        _missingColumn = missingColumn;
    }

    public int Line => _record.Line;

    /// <summary>Gets every problem of the row, for its rejection reason.</summary>
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Gets the problems of the row that are the file's (a missing column), reported once for the file.</summary>
    public List<ImportProblem> FileLevel { get; } = [];

    public bool HasProblems => Problems.Count > 0;

    /// <summary>Moves to the next record.</summary>
    public void Reset(SourceRecord record)
    {
        _record = record;
        Problems.Clear();
        FileLevel.Clear();
    }

    public void Add(string column, ImportMessage message) => AddAt(_header.IndexOf(column) + 1, message);

    public void AddAt(int column, ImportMessage message) =>
        Problems.Add(new ImportProblem(_file, Line, Math.Max(column, 1), message.Code, message.Text));

    /// <summary>Gets a field's text, or null (with a problem) when it is too long to be anything valid.</summary>
    public string? Text(string column)
    {
        var index = _header.IndexOf(column);
        var value = index >= 0 && index < _record.Fields.Length ? _record.Fields[index] : string.Empty;
        if (value.Length > ImportMessages.MaxFieldLength)
        {
            Add(column, ImportMessages.FieldTooLong(column, value.Length));
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            // Found by the hostile-value tests: the row passed every check, then PostgreSQL refused it mid-import.
            Add(column, ImportMessages.NulCharacter(column));
            return null;
        }

        return value;
    }

    /// <summary>Gets a field that must not be empty, or null with a problem.</summary>
    public string? Required(string column)
    {
        var value = Text(column);
        if (value is { Length: 0 })
        {
            Add(column, ImportMessages.ValueRequired(column));
            return null;
        }

        return value;
    }

    /// <summary>Reads a required date, or null with a problem.</summary>
    public LocalDate? Date(string column) => Required(column) is { } text ? ParseDate(column, text) : null;

    /// <summary>Reads a date that may be empty; <paramref name="ok"/> is false when there was a problem.</summary>
    public LocalDate? OptionalDate(string column, out bool ok)
    {
        ok = true;
        var text = Text(column);
        if (text is null)
        {
            ok = false;
            return null;
        }

        if (text.Length == 0)
        {
            return null;
        }

        var date = ParseDate(column, text);
        ok = date is not null;
        return date;
    }

    /// <summary>
    /// Reads the attributes a scheme declares for this row (all present and valid), and checks that
    /// columns other schemes declare are empty. Null when anything is wrong.
    /// </summary>
    /// <param name="kind">The evidence kind that declares the attributes; empty for a participant's.</param>
    public ImmutableSortedDictionary<string, string>? Attributes(
        IReadOnlyList<AttributeDeclaration> declared, ImmutableArray<string> catalogColumns, string scheme, string kind)
    {
        if (declared.Count == 0 && catalogColumns.IsEmpty)
        {
            return NoAttributes;
        }

        var ok = true;
        _values.Clear();
        for (var i = 0; i < declared.Count; i++)
        {
            var attribute = declared[i];
            if (_header.IndexOf(attribute.Name) < 0)
            {
                _missingColumn(attribute.Name, $"scheme {scheme} declares");
                AddAt(1, ImportMessages.MissingColumn(attribute.Name, $"scheme {scheme} declares"));
                FileLevel.Add(Problems[^1]);
                ok = false;
                continue;
            }

            if (Required(attribute.Name) is not { } text)
            {
                ok = false;
                continue;
            }

            if (AttributeValue.Check(attribute, text) is { } expected)
            {
                Add(attribute.Name, ImportMessages.BadAttributeValue(attribute.Name, text, expected));
                ok = false;
                continue;
            }

            _values.Add(text);
        }

        foreach (var column in catalogColumns)
        {
            if (_header.IndexOf(column) >= 0 && !Declares(declared, column) && Text(column) is { Length: > 0 })
            {
                Add(column, ImportMessages.AttributeNotDeclared(column, scheme));
                ok = false;
            }
        }

        return ok ? AttributeSet(declared, scheme, kind) : null;
    }

    private static bool Declares(IReadOnlyList<AttributeDeclaration> declared, string column)
    {
        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i].Name == column)
            {
                return true;
            }
        }

        return false;
    }

    // The same set of values gives the same (immutable) dictionary instance.
    private ImmutableSortedDictionary<string, string> AttributeSet(IReadOnlyList<AttributeDeclaration> declared, string scheme, string kind)
    {
        if (declared.Count == 0)
        {
            return NoAttributes;
        }

        var key = (scheme, kind, _values.Count == 1 ? _values[0] : string.Join('\u001F', _values));
        if (_attributeSets.TryGetValue(key, out var known))
        {
            return known;
        }

        var builder = NoAttributes.ToBuilder();
        for (var i = 0; i < declared.Count; i++)
        {
            builder[declared[i].Name] = _values[i];
        }

        var set = builder.ToImmutable();
        if (_attributeSets.Count < CacheLimit)
        {
            _attributeSets[key] = set;
        }

        return set;
    }

    private LocalDate? ParseDate(string column, string text)
    {
        if (_dates.TryGetValue(text, out var known))
        {
            return known;
        }

        // The ISO pattern would take a signed year; the file format is exactly yyyy-MM-dd.
        if (text.Length == 10 && char.IsAsciiDigit(text[0]) && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed)
        {
            if (_dates.Count < CacheLimit)
            {
                _dates[text] = parsed.Value;
            }

            return parsed.Value;
        }

        Add(column, ImportMessages.BadDate(column, text));
        return null;
    }
}
