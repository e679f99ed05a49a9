using System.Text;
using System.Text.RegularExpressions;
using Pbr.Cli.Configuration;
using Pbr.TestKit;
using Pbr.TestKit.Fuzzing;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// Issue 8, item 5 for the one other file the tool reads, <c>pbr.json</c>: the fuzz harness's
/// mutation catalogue on the sample configuration. Loading never throws or hangs, ends in settings
/// or in errors (never both: no half-applied configuration), and every error names a key of the
/// file, or, for text that is not JSON, <c>--config</c> with a line that exists.
/// </summary>
[Category("Faults")]
public sealed partial class ConfigFuzzTests
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);

    private static readonly IReadOnlyList<byte[]> Originals =
    [
        File.ReadAllBytes(Path.Combine(RepositoryFiles.Root, "samples", "pbr.json")),
        Encoding.UTF8.GetBytes("{\n  \"Retry\": { \"Attempts\": 2, \"DelaySeconds\": 10 },\n  \"Schedules\": { \"nightly\": { \"Cron\": \"0 0 2 * * ?\", \"Contracts\": \"all\" } }\n}\n"),
    ];

    [Test]
    public void Load_MutatedConfiguration_SettingsOrPreciseErrorsNeverBoth()
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "config-fuzz");
        Directory.CreateDirectory(folder);
        foreach (var original in Originals)
        {
            Assert.That(Load(folder, original, -1).Success, Is.True, "every original is valid");
        }

        var report = FuzzRunner.Run("pbr.json", Originals, PerCase, c => Judge(c, Load(folder, c.Input, c.Index)));

        if (FuzzSettings.OnlyCase is null)
        {
            Assert.That(report.ByOutcome.Keys, Is.SupersetOf(new[] { "valid", "invalid keys", "not JSON" }), report.ToString());
        }
    }

    [Test]
    public void Load_BrokenJson_NamesTheLineAndByte()
    {
        // Found by this campaign (case 0, truncate): the error said only "Could not parse the JSON file."
        // Line 3 is `    "Attempts" 3`: the 3, where a ':' belongs, is its 16th byte.
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "config-fuzz");
        Directory.CreateDirectory(folder);

        var load = Load(folder, Encoding.UTF8.GetBytes("{\n  \"Retry\": {\n    \"Attempts\" 3\n  }\n}\n"), -2);

        Assert.That(load.Errors.Single().Key, Is.EqualTo("--config"));
        Assert.That(load.Errors.Single().Reason, Does.EndWith("is not valid JSON: line 3, byte 16: '3' is invalid after a property name. Expected a ':'."));
    }

    private static ConfigurationLoad Load(string folder, byte[] bytes, int index)
    {
        var path = Path.Combine(folder, $"pbr-{index}.json");
        File.WriteAllBytes(path, bytes);
        return PbrConfiguration.Load(path, overrides: null);
    }

    private static FuzzVerdict Judge(FuzzCase fuzzCase, ConfigurationLoad load)
    {
        if (load.Success != load.Errors.IsEmpty)
        {
            return FuzzVerdict.Broken("both", $"settings {(load.Success ? "and" : "without")} errors: {string.Join("; ", load.Errors)}");
        }

        if (load.Success)
        {
            return FuzzVerdict.Ok("valid");
        }

        var text = Encoding.UTF8.GetString(fuzzCase.Input);
        var lines = text.Split('\n').Length;
        foreach (var error in load.Errors)
        {
            if (error.Reason.Length == 0)
            {
                return FuzzVerdict.Broken("invalid", $"an error without a reason: {error}");
            }

            if (error.Key == "--config")
            {
                // Text that is not JSON: the line where it breaks. A key given twice: that key. Not an object: the whole file.
                var atLine = LineNumber().Match(error.Reason) is { Success: true } line && int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= lines;
                var atKey = DuplicateKey().Match(error.Reason) is { Success: true } key && text.Contains(key.Groups[1].Value.Split(':')[^1], StringComparison.OrdinalIgnoreCase);
                var atTop = error.Reason.Contains("Top-level JSON element", StringComparison.Ordinal);
                if (!atLine && !atKey && !atTop)
                {
                    return FuzzVerdict.Broken("not JSON", $"no line that exists: {error}");
                }

                continue;
            }

            // The key's first section is in the file (keys are case-insensitive).
            if (!text.Contains(error.Key.Split(':')[0], StringComparison.OrdinalIgnoreCase))
            {
                return FuzzVerdict.Broken("invalid keys", $"names a key not in the file: {error}");
            }
        }

        return FuzzVerdict.Ok(load.Errors.Any(e => e.Key == "--config") ? "not JSON" : "invalid keys");
    }

    [GeneratedRegex("duplicate key '([^']+)'")]
    private static partial Regex DuplicateKey();

    [GeneratedRegex(@"line (?:number )?'?(\d+)'?", RegexOptions.IgnoreCase)]
    private static partial Regex LineNumber();
}
