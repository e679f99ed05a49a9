using System.Collections.Immutable;

namespace Pbr.Dsl.Text;

/// <summary>
/// The text of one tariff source and the path it is reported under. Line starts are computed
/// once so that a span can be turned into a line and column cheaply.
/// </summary>
public sealed record SourceFile(string Path, string Text)
{
    private ImmutableArray<int> _lineStarts;

    /// <summary>Gets the file name alone (no folders), as diagnostics and explanations show it.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Gets the offset of the first character of every line.</summary>
    public ImmutableArray<int> LineStarts
    {
        get
        {
            if (_lineStarts.IsDefault)
            {
                var builder = ImmutableArray.CreateBuilder<int>();
                builder.Add(0);
                for (var i = 0; i < Text.Length; i++)
                {
                    if (Text[i] == '\n')
                    {
                        builder.Add(i + 1);
                    }
                }

                _lineStarts = builder.ToImmutable();
            }

            return _lineStarts;
        }
    }

    /// <summary>Gets the one-based line and column of an offset.</summary>
    public LinePosition PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var starts = LineStarts;
        var index = starts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return new LinePosition(line + 1, offset - starts[line] + 1);
    }

    /// <summary>Gets the text of a one-based line, without its line break.</summary>
    public string LineText(int line)
    {
        var starts = LineStarts;
        if (line < 1 || line > starts.Length)
        {
            return string.Empty;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }

    /// <summary>Compares path and text only; the cached line starts are not part of the value.</summary>
    public bool Equals(SourceFile? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, Text.Length);

    /// <summary>Gets a location such as <c>work-programme.pbr(12,5)</c> for a span.</summary>
    public string Location(TextSpan span)
    {
        var p = PositionOf(span.Start);
        return $"{FileName}({p.Line},{p.Column})";
    }
}
