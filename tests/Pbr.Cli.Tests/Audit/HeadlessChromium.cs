using System.Diagnostics;

namespace Pbr.Cli.Tests.Audit;

/// <summary>
/// Debian's Chromium, headless, for checking that a generated page loads and runs its scripts. In CI
/// (<c>CI=true</c>) a missing browser fails the test; elsewhere it is skipped with the reason.
/// </summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";

    public static async Task<(string Dom, IReadOnlyList<string> ConsoleErrors)> DumpDomAsync(string page)
    {
        if (!File.Exists(Binary))
        {
            const string why = "Chromium is not installed (apt-get install chromium); .ci/run installs it";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        var profile = Directory.CreateTempSubdirectory("pbr-chromium-");
        try
        {
            // The flags keep a closed network quiet: no background, sync or component traffic.
            var start = new ProcessStartInfo(Binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            var errors = (await log).Split('\n')
                .Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal))
                .ToList();
            return (await dom, errors);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
