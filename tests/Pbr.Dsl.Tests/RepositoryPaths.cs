namespace Pbr.Dsl.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Golden => Path.Combine(Root, "tests", "Pbr.Dsl.Tests", "Golden");

    public static string WorkProgramme => Path.Combine(Root, "samples", "work-programme", "work-programme.pbr");

    public static string Reoffending => Path.Combine(Root, "samples", "reoffending", "reoffending.pbr");

    public static Text.SourceFile Read(string path) => new(path, File.ReadAllText(path));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PbrEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PbrEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
