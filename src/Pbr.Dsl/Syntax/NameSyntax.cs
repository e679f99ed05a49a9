using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>A name as written, e.g. <c>payment_group</c>.</summary>
public sealed record NameSyntax(TextSpan Span, string Text) : SyntaxNode(Span)
{
    /// <summary>Gets a value indicating whether the parser made the name up to recover from an error.</summary>
    public bool IsMissing => Span.Length == 0;
}
