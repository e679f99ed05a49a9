using Pbr.Core;
using Pbr.Core.Model;

namespace Pbr.Dsl.Tests;

/// <summary>The two sample schemes compiled together, shared by the tests.</summary>
internal static class Samples
{
    public static TariffCompilation Both => TariffCompiler.Compile(
        [RepositoryPaths.Read(RepositoryPaths.WorkProgramme), RepositoryPaths.Read(RepositoryPaths.Reoffending)]);

    public static ISchemeRules WorkProgramme => Both.Scheme(new SchemeId("work_programme"));

    public static ISchemeRules Reoffending => Both.Scheme(new SchemeId("reoffending"));

    public static ContractTerms Contract(string id) => Both.Contracts.Single(c => c.Id.Value == id);
}
