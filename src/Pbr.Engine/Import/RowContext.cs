using System.Collections.Immutable;
using Pbr.Dsl;
using NodaTime;
using NodaTime.Text;

namespace Pbr.Engine.Import;

/// <summary>
/// One data row being checked: reads its fields by column name and collects every problem found
/// in it, each at the row's line and the field's column. Checks never stop at the first problem.
/// </summary>
internal sealed class RowContext
{
    private readonly string _file;
    private readonly HeaderMap _header;
    private readonly SourceRecord _record;
    private readonly Action<string, string> _missingColumn;

    public RowContext(string file, HeaderMap header, SourceRecord record, Action<string, string> missingColumn)
    {
        _file = file;
        _header = header;
        _record = record;
        _missingColumn = missingColumn;
    }

    public int Line => _record.Line;

    /// <summary>Gets every problem of the row, for its rejection reason.</summary>
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Gets the problems that are the file's rather than this row's, reported once for the file.</summary>
    public HashSet<ImportProblem> FileLevel { get; } = [];

    public bool HasProblems => Problems.Count > 0;

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
    public ImmutableSortedDictionary<string, string>? Attributes(
        IReadOnlyList<AttributeDeclaration> declared, IEnumerable<string> catalogColumns, string scheme)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var attribute in declared)
        {
            if (_header.IndexOf(attribute.Name) < 0)
            {
                _missingColumn(attribute.Name, $"scheme {scheme} declares");
                var message = ImportMessages.MissingColumn(attribute.Name, $"scheme {scheme} declares");
                AddAt(1, message);
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

            values[attribute.Name] = text;
        }

        foreach (var column in catalogColumns)
        {
            if (_header.IndexOf(column) >= 0 && !declared.Any(d => d.Name == column) && Text(column) is { Length: > 0 })
            {
                Add(column, ImportMessages.AttributeNotDeclared(column, scheme));
                ok = false;
            }
        }

        return ok ? values.ToImmutable() : null;
    }

    private LocalDate? ParseDate(string column, string text)
    {
        // The ISO pattern would take a signed year; the file format is exactly yyyy-MM-dd.
        if (text.Length == 10 && char.IsAsciiDigit(text[0]) && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed)
        {
            return parsed.Value;
        }

        Add(column, ImportMessages.BadDate(column, text));
        return null;
    }
}
