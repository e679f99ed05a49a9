using System.Collections.Immutable;
using System.Text;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl.Compilation;
using Pbr.Dsl.Diagnostics;
using Pbr.Dsl.Testing;

namespace Pbr.Dsl;

/// <summary>
/// The result of compiling a set of tariff sources: the diagnostics, and when there are no errors,
/// the compiled schemes and the contracts that use them.
/// </summary>
public sealed class TariffCompilation
{
    private readonly ImmutableDictionary<string, ISchemeRules> _schemes;
    private readonly ImmutableDictionary<string, string> _schemeSha;
    private readonly ImmutableDictionary<string, string> _contractSha;
    private readonly Func<TestReport> _runTests;

    internal TariffCompilation(
        ImmutableArray<CompiledSource> sources,
        ImmutableArray<Diagnostic> diagnostics,
        ImmutableArray<ContractTerms> contracts,
        ImmutableArray<ISchemeRules> schemes,
        ImmutableDictionary<string, string> schemeSha,
        ImmutableDictionary<string, string> contractSha,
        Func<TestReport> runTests)
    {
        Sources = sources;
        Diagnostics = diagnostics;
        Contracts = contracts;
        Schemes = schemes;
        _schemes = schemes.ToImmutableDictionary(s => s.Id.Value, StringComparer.Ordinal);
        _schemeSha = schemeSha;
        _contractSha = contractSha;
        _runTests = runTests;
    }

    /// <summary>Gets every diagnostic, ordered by file, line and column.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Gets a value indicating whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Gets the sources compiled, with the SHA-256 of each.</summary>
    public IReadOnlyList<CompiledSource> Sources { get; }

    /// <summary>Gets the contracts declared; empty when there are errors.</summary>
    public IReadOnlyList<ContractTerms> Contracts { get; }

    /// <summary>Gets the compiled schemes; empty when there are errors.</summary>
    public IReadOnlyList<ISchemeRules> Schemes { get; }

    /// <summary>Gets a compiled scheme by its name.</summary>
    /// <exception cref="KeyNotFoundException">No scheme of that name was compiled.</exception>
    public ISchemeRules Scheme(SchemeId id) =>
        _schemes.TryGetValue(id.Value, out var scheme)
            ? scheme
            : throw new KeyNotFoundException($"Scheme '{id}' is not declared in the compiled sources.");

    /// <summary>Gets the SHA-256 of the source file that declares a contract.</summary>
    /// <exception cref="KeyNotFoundException">No contract of that id was compiled.</exception>
    public string SourceSha256(ContractId contract) =>
        _contractSha.TryGetValue(contract.Value, out var sha)
            ? sha
            : throw new KeyNotFoundException($"Contract '{contract}' is not declared in the compiled sources.");

    /// <summary>Gets the SHA-256 of the source file that declares a scheme.</summary>
    /// <exception cref="KeyNotFoundException">No scheme of that name was compiled.</exception>
    public string SourceSha256(SchemeId scheme) =>
        _schemeSha.TryGetValue(scheme.Value, out var sha)
            ? sha
            : throw new KeyNotFoundException($"Scheme '{scheme}' is not declared in the compiled sources.");

    /// <summary>
    /// Renders every diagnostic with its source line and caret, then a summary line: exactly what
    /// <c>pbr check</c> prints.
    /// </summary>
    public string Render()
    {
        var builder = new StringBuilder();
        foreach (var diagnostic in Diagnostics)
        {
            diagnostic.AppendTo(builder);
        }

        var errors = Diagnostics.Count(d => d.IsError);
        var warnings = Diagnostics.Length - errors;
        builder.Append(Sources.Count).Append(Sources.Count == 1 ? " file" : " files").Append(" checked: ")
            .Append(errors).Append(errors == 1 ? " error, " : " errors, ")
            .Append(warnings).Append(warnings == 1 ? " warning" : " warnings").Append('\n');
        return builder.ToString();
    }

    /// <summary>Runs the tests written inside the sources; with compile errors there is nothing to run.</summary>
    public TestReport RunTests() => _runTests();
}
