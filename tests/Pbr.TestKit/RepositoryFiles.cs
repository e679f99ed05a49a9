namespace Pbr.TestKit;

/// <summary>Finds the repository's files (samples, schemas, golden files) from a test's output folder.</summary>
public static class RepositoryFiles
{
    /// <summary>Gets the repository root: the first folder above the test output holding PbrEngine.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Gets the path of a file of a sample, e.g. <c>Sample("work-programme", "work-programme.pbr")</c>.</summary>
    public static string Sample(string sample, string file) => Path.Combine(Root, "samples", sample, file);

    /// <summary>Gets the Work Programme reference tariff.</summary>
    public static string WorkProgrammeTariff => Sample("work-programme", "work-programme.pbr");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PbrEngine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("PbrEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
