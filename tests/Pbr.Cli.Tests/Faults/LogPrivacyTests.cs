using System.Text.RegularExpressions;
using Pbr.Cli.Tests.Settlement;
using Pbr.TestKit;

namespace Pbr.Cli.Tests.Faults;

/// <summary>
/// RELIABILITY 22, "no participant identifiers in logs above Debug", on the real command line at
/// its default log level, with the JSON log captured (<c>--log-json</c>, Information and above; the
/// console shows Warning and above on stderr). The rule, from <c>src/Pbr.Cli/Logging.cs</c>:
/// <list type="bullet">
/// <item>log events (the JSON file, and stderr on success) never hold a participant id;</item>
/// <item>stdout of import, settle and verify is a summary and holds none either;</item>
/// <item>stdout of statement and explain is the data asked for, a participant's own lines, and may.</item>
/// </list>
/// Errors about bad input (an import's <c>file(line,column)</c> messages, settle's problems) are the
/// command's answer on stderr, not log events, and may quote the value at fault.
/// </summary>
[Category("Faults")]
public sealed class LogPrivacyTests : SampleLedgerFixture
{
    protected override bool ImportSample => false;

    [Test]
    public async Task EveryCommand_DefaultLevel_NoParticipantIdInLogsOrSummaries()
    {
        var ids = File.ReadLines(Sample("participants.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.That(ids, Has.Count.GreaterThan(300));
        var anyId = new Regex(@"(?<![A-Za-z0-9_-])(" + string.Join('|', ids.Select(Regex.Escape)) + @")(?![A-Za-z0-9_-])");

        (string Name, string[] Arguments, bool OutputIsData)[] commands =
        [
            ("import participants", ["import", "participants", Sample("participants.csv")], false),
            ("import evidence", ["import", "evidence", Sample("evidence.csv")], false),
            ("settle", ["settle", "--as-of", "2013-03-31"], false),
            ("statement", ["statement", "--run", "latest", "--contract", "WP-CPA1-ALPHA", "--format", "csv"], true),
            ("explain", ["explain", "--contract", "WP-CPA1-ALPHA", "--participant", ids[0], "--as-of", "2013-03-31"], true),
            ("verify", ["verify"], false),
        ];

        var logged = 0;
        foreach (var (name, arguments, outputIsData) in commands)
        {
            var log = TempFile(name.Replace(' ', '-') + ".log.json");
            var result = await Expect(0, [.. arguments, "--log-json", log]);
            var events = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
            logged += events.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

            Assert.That(anyId.Match(events).Value, Is.Empty, $"{name}: the JSON log");
            Assert.That(anyId.Match(result.StandardError).Value, Is.Empty, $"{name}: stderr");
            if (outputIsData)
            {
                // Not a leak but the answer: the rule would be vacuous if these did not hold ids.
                Assert.That(anyId.IsMatch(result.StandardOutput), Is.True, $"{name}: its output is a participant's data");
            }
            else
            {
                Assert.That(anyId.Match(result.StandardOutput).Value, Is.Empty, $"{name}: stdout");
            }
        }

        Assert.That(logged, Is.GreaterThanOrEqualTo(4), "the log was captured: import, import, settle and verify each log an event");
    }

    [Test]
    public async Task Settle_Verbose_DebugMayNameParticipantsAndSaysSo()
    {
        // The documented exception: --verbose is Debug, which may include participant identifiers.
        var help = await Expect(0, "settle", "--help");

        Assert.That(help.StandardOutput, Does.Contain("Log at Debug level (may include participant identifiers)."));
    }
}
