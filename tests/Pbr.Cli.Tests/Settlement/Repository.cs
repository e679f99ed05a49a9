namespace Pbr.Cli.Tests.Settlement;

/// <summary>Finds the repository root (the folder holding PbrEngine.sln) above the test's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find() => Pbr.TestKit.RepositoryFiles.Root;
}
