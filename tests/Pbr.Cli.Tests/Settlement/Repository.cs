namespace Pbr.Cli.Tests.Settlement;

/// <summary>Finds the repository root (the folder holding PbrEngine.sln) above the test's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PbrEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PbrEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
