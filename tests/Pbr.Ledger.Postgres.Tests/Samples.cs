namespace Pbr.Ledger.Postgres.Tests;

/// <summary>Paths of the sample schemes, found from the test folder up to the repository root.</summary>
internal static class Samples
{
    public static string WorkProgramme => Path.Combine(Root(), "samples", "work-programme", "work-programme.pbr");

    private static string Root() => Pbr.TestKit.RepositoryFiles.Root;
}
