using System.Collections.Immutable;
using Pbr.Core.Model;
using Pbr.Dsl.Binding;
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
        var units = sources.Select(s => Parser.Parse(s, diagnostics)).ToList();
        var program = ProgramBinder.Bind(units, diagnostics);
        // Warnings about unused declarations are noise while a file still has errors.
        var filesWithErrors = diagnostics.Where(d => d.IsError).Select(d => d.Location.File.Path).ToHashSet(StringComparer.Ordinal);
        var ordered = Order(diagnostics.Where(d => d.IsError || !filesWithErrors.Contains(d.Location.File.Path)));
        if (diagnostics.HasErrors)
        {
            return new TariffCompilation(
                [.. compiled],
                ordered,
                [],
                [],
                ImmutableDictionary<string, string>.Empty,
                ImmutableDictionary<string, string>.Empty,
                () => new TestReport([]));
        }

        var shaByPath = new Dictionary<SourceFile, string>();
        for (var i = 0; i < sources.Count; i++)
        {
            shaByPath[sources[i]] = compiled[i].Sha256;
        }

        var schemes = program.Schemes.Select(s => new CompiledScheme(s, program.Contracts)).ToImmutableArray();
        var byName = schemes.ToDictionary(s => s.Id.Value, StringComparer.Ordinal);
        var contracts = program.Contracts.Select(c => c.Terms).OrderBy(c => c.Id).ToImmutableArray();
        var schemeSha = program.Schemes.ToImmutableDictionary(s => s.Name, s => shaByPath[s.File], StringComparer.Ordinal);
        var contractSha = program.Contracts.ToImmutableDictionary(c => c.Terms.Id.Value, c => shaByPath[c.File], StringComparer.Ordinal);
        return new TariffCompilation(
            [.. compiled],
            ordered,
            contracts,
            [.. schemes.Cast<ISchemeRules>()],
            schemeSha,
            contractSha,
            () => TestRunner.Run(program.Tests, byName));
    }

    internal static ImmutableArray<Diagnostic> Order(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.File.Path, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Span.Start)
            .ThenBy(x => x.i)
            .Select(x => x.d)];

    /// <summary>Parses one file on its own, for tools and round-trip tests.</summary>
    internal static CompilationUnitSyntax ParseOnly(SourceFile file, DiagnosticBag diagnostics) => Parser.Parse(file, diagnostics);
}
