namespace Pbr.Dsl.Text;

/// <summary>A range of characters in a source file: start offset and length.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Gets the offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>Creates the span from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>Gets the smallest span that covers both.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));
}
