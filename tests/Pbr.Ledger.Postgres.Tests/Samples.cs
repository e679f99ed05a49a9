namespace Pbr.Ledger.Postgres.Tests;

/// <summary>Paths of the sample schemes, found from the test folder up to the repository root.</summary>
internal static class Samples
{
    public static string WorkProgramme => Path.Combine(Root(), "samples", "work-programme", "work-programme.pbr");

    private static string Root()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PbrEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("PbrEngine.sln not found above the test folder");
    }
}
