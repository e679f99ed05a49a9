using System.Collections.Immutable;
using Pbr.Core.Model;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Syntax;
using Pbr.Dsl.Testing;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>Runs the layers in order: text → syntax → binding → compiled schemes.</summary>
internal static class CompilationPipeline
{
    public static TariffCompilation Run(IReadOnlyList<SourceFile> sources, IReadOnlyList<CompiledSource> compiled)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var source in sources)
        {
            _ = Lexer.Tokenize(source, diagnostics);
        }

        return new TariffCompilation(
            [.. compiled],
            Order(diagnostics),
            ImmutableArray<ContractTerms>.Empty,
            ImmutableArray<ISchemeRules>.Empty,
            ImmutableDictionary<string, string>.Empty,
            ImmutableDictionary<string, string>.Empty,
            () => new TestReport([]));
    }

    internal static ImmutableArray<Diagnostic> Order(DiagnosticBag diagnostics) =>
        [.. diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.File.Path, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Span.Start)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
