namespace Pbr.Dsl.Text;

/// <summary>A span in a particular source file.</summary>
public sealed record SourceLocation(SourceFile File, TextSpan Span)
{
    /// <summary>Gets the line and column of the start of the span.</summary>
    public LinePosition Position => File.PositionOf(Span.Start);

    /// <summary>Formats as <c>file.pbr(line,col)</c>.</summary>
    public override string ToString() => File.Location(Span);
}
