using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>One parsed source file: its language-version line and its declarations.</summary>
public sealed record CompilationUnitSyntax(
    SourceFile File, TextSpan Span, Token? Version, ImmutableArray<DeclarationSyntax> Declarations) : SyntaxNode(Span);
