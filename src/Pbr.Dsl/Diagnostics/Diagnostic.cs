using System.Text;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Diagnostics;

/// <summary>
/// One problem found in tariff source: an id such as <c>PBR2003</c>, a severity, the message and
/// where it is. Message texts all live in <see cref="DiagnosticBag"/>.
/// </summary>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <summary>Gets a value indicating whether this is an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Gets the one-line form, e.g. <c>tariff.pbr(12,5): error PBR2003: message</c>.</summary>
    public string Headline =>
        $"{Location}: {(IsError ? "error" : "warning")} {Id}: {Message}";

    /// <summary>
    /// Renders the headline, the source line and a caret under the span, the way <c>pbr check</c> prints it.
    /// </summary>
    public string Render()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append(Headline).Append('\n');
        var position = Location.Position;
        var line = Location.File.LineText(position.Line).Replace('\t', ' ');
        builder.Append("    ").Append(line).Append('\n');
        var column = Math.Min(position.Column - 1, line.Length);
        var width = Math.Max(1, Math.Min(Location.Span.Length, line.Length - column));
        builder.Append("    ").Append(' ', column).Append('^', width).Append('\n');
    }

    /// <inheritdoc/>
    public override string ToString() => Headline;
}
