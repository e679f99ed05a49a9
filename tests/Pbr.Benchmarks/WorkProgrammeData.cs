using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Engine.Generation;
using Pbr.Engine.Import;

namespace Pbr.Benchmarks;

/// <summary>
/// The in-memory inputs of the evaluation benchmarks: the compiled Work Programme sample tariff and
/// participants from the synthetic generator (DESIGN §7), read through the real importers so the
/// values are exactly those a settlement run sees.
/// </summary>
public sealed class WorkProgrammeData
{
    /// <summary>The date every evaluation is as of, and known at: after every sample start and sustainment.</summary>
    public static readonly LocalDate AsOf = new(2018, 3, 31);

    private WorkProgrammeData(
        string tariffPath, TariffCompilation compilation, ISchemeRules scheme, ImmutableArray<Case> cases)
    {
        TariffPath = tariffPath;
        Compilation = compilation;
        Scheme = scheme;
        Cases = cases;
    }

    /// <summary>Gets the path of the sample tariff.</summary>
    public string TariffPath { get; }

    /// <summary>Gets the compilation of the sample tariff.</summary>
    public TariffCompilation Compilation { get; }

    /// <summary>Gets the compiled Work Programme scheme.</summary>
    public ISchemeRules Scheme { get; }

    /// <summary>Gets one case per participant: the contract, the participant and all its evidence versions.</summary>
    public ImmutableArray<Case> Cases { get; }

    /// <summary>Generates <paramref name="participants"/> participants with the seed and reads them back.</summary>
    public static WorkProgrammeData Create(int participants, long seed)
    {
        var tariffPath = FindTariff();
        var compilation = TariffCompiler.Compile([new SourceFile(tariffPath, File.ReadAllText(tariffPath))]);
        if (compilation.HasErrors)
        {
            throw new InvalidOperationException("The sample tariff does not compile:\n" + compilation.Render());
        }

        var scheme = compilation.Scheme(new SchemeId("work_programme"));
        var catalog = new ImportCatalog(compilation.Contracts, compilation.Schemes);
        using var people = new StringWriter();
        using var evidence = new StringWriter();
        WorkProgrammeGenerator.Generate(participants, seed, people, evidence);

        var readPeople = ParticipantsReader.Read(new StringReader(people.ToString()), "participants.csv", catalog);
        Require(readPeople.IsClean, "participants.csv");
        var byKey = readPeople.Rows.ToDictionary(r => (r.Value.Contract, r.Value.Id), r => r.Value);
        var readEvidence = EvidenceReader.Read(
            new StringReader(evidence.ToString()),
            "evidence.csv",
            catalog,
            (c, p) => byKey.TryGetValue((c, p), out var found) ? found.StartDate : null);
        Require(readEvidence.IsClean, "evidence.csv");

        var evidenceOf = readEvidence.Rows
            .GroupBy(r => (r.Value.Contract, r.Value.Participant))
            .ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToImmutableArray());
        var contracts = compilation.Contracts.ToDictionary(c => c.Id);
        var cases = readPeople.Rows
            .Select(r => new Case(
                contracts[r.Value.Contract],
                r.Value,
                evidenceOf.TryGetValue((r.Value.Contract, r.Value.Id), out var versions) ? versions : []))
            .ToImmutableArray();
        return new WorkProgrammeData(tariffPath, compilation, scheme, cases);
    }

    private static void Require(bool clean, string file)
    {
        if (!clean)
        {
            throw new InvalidOperationException($"The generated {file} did not import cleanly.");
        }
    }

    // The tariff is copied next to the program by the project file; fall back to the repository.
    private static string FindTariff()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "work-programme.pbr");
        if (File.Exists(local))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "work-programme", "work-programme.pbr");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/work-programme/work-programme.pbr was not found.");
    }

    /// <summary>One participant to evaluate.</summary>
    public sealed record Case(ContractTerms Contract, Participant Participant, ImmutableArray<EvidenceVersion> Evidence);
}
