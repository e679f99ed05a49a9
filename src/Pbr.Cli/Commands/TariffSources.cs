using Pbr.Dsl.Text;

namespace Pbr.Cli.Commands;

/// <summary>Reads tariff source files for the commands that compile them.</summary>
internal static class TariffSources
{
    public static List<SourceFile>? Read(IReadOnlyList<FileInfo> files, TextWriter error)
    {
        var sources = new List<SourceFile>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                error.WriteLine($"pbr: no such file: {file.FullName}");
                return null;
            }

            sources.Add(new SourceFile(file.FullName, File.ReadAllText(file.FullName)));
        }

        return sources;
    }
}
