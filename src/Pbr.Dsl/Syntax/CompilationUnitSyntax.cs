using System.Collections.Immutable;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Syntax;

/// <summary>One parsed source file: its language-version line and its declarations.</summary>
public sealed record CompilationUnitSyntax(
    SourceFile File, TextSpan Span, Token? Version, ImmutableArray<DeclarationSyntax> Declarations) : SyntaxNode(Span);

/// <summary>A top-level declaration: a scheme, a contract or a test.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>scheme NAME … end</c>: the declarations and rules of one tariff.</summary>
public sealed record SchemeSyntax(TextSpan Span, NameSyntax Name, ImmutableArray<SchemeItemSyntax> Items) : DeclarationSyntax(Span);

/// <summary>
/// <c>contract "ID" … end</c>: the scheme, provider, accepted start dates, discount and term values.
/// </summary>
public sealed record ContractSyntax(TextSpan Span, Token Id, ImmutableArray<ContractItemSyntax> Items) : DeclarationSyntax(Span);

/// <summary>
/// One line of a contract: a keyword and its value (<c>provider "Alpha"</c>), or a term and its value
/// (<c>baseline_binary = 0.55</c>) when <see cref="IsTerm"/>.
/// </summary>
public sealed record ContractItemSyntax(TextSpan Span, Token Label, bool IsTerm, ExpressionSyntax Value) : SyntaxNode(Span);

/// <summary><c>test "NAME" … end</c>: a named case with its inputs and the exact lines expected.</summary>
public sealed record TestSyntax(TextSpan Span, Token Name, ImmutableArray<TestItemSyntax> Items) : DeclarationSyntax(Span);
