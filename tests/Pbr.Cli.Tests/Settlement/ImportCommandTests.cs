namespace Pbr.Cli.Tests.Settlement;

/// <summary><c>pbr import</c> end to end: precise errors, nothing loaded, rejects, no-op re-imports (RELIABILITY 2, 6, 7).</summary>
public sealed class ImportCommandTests : SampleLedgerFixture
{
    protected override bool ImportSample => false;

    [Test, Order(1)]
    public async Task ImportParticipants_OneUnknownContract_ExactErrorAndNothingLoaded()
    {
        var file = TempFile("participants.csv");
        await File.WriteAllTextAsync(file, "participant_id,contract_id,start_date,payment_group\nP1,WP-CPA1-ALPHA,2012-01-10,JSA 18-24\nP2,NOPE,2012-01-10,JSA 18-24\n");

        var result = await Expect(2, "import", "participants", file);

        Assert.That(result.StandardError, Does.Contain($"{file}(3,2): error PBR5011: unknown contract 'NOPE' (known: WP-CPA1-ALPHA, WP-CPA2-BETA)"));
        Assert.That(result.StandardError, Does.Contain("nothing from it was loaded"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM participants"), Is.Zero);
    }

    [Test, Order(2)]
    public async Task ImportParticipants_SkipBadRows_LoadsTheGoodRowsAndWritesTheRejects()
    {
        var file = TempFile("participants.csv");
        var rejects = TempFile("rejects.csv");
        await File.WriteAllTextAsync(file, "participant_id,contract_id,start_date,payment_group\nP1,WP-CPA1-ALPHA,2012-01-10,JSA 18-24\nP2,NOPE,2012-01-10,JSA 18-24\n");

        await Expect(0, "import", "participants", file, "--skip-bad-rows", "--rejects", rejects);

        Assert.That(await ScalarAsync("SELECT count(*) FROM participants"), Is.EqualTo(1));
        var rejected = await File.ReadAllLinesAsync(rejects);
        Assert.That(rejected, Has.Length.EqualTo(2));
        Assert.That(rejected[1], Does.StartWith("3,").And.Contain("P2,NOPE"));
    }

    [Test, Order(3)]
    public async Task ImportEvidence_SameFileTwice_SecondChangesNothingAndSaysSo()
    {
        var file = TempFile("evidence.csv");
        await File.WriteAllTextAsync(file, "evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\nE1,P1,WP-CPA1-ALPHA,employment,2012-02-01,,verified,2012-02-05\n");
        await Expect(0, "import", "evidence", file);
        var count = await ScalarAsync("SELECT count(*) FROM imports");

        var again = await Expect(0, "import", "evidence", file);

        Assert.That(again.StandardOutput, Does.Contain($"Nothing changed: all 1 rows of {file} are already held."));
        Assert.That(await ScalarAsync("SELECT count(*) FROM imports"), Is.EqualTo(count));
    }

    [Test, Order(4)]
    public async Task ImportEvidence_SameKeyDifferentContent_ConflictAtLineAndColumnAndNothingLoaded()
    {
        // RELIABILITY 2: E1 recorded 2012-02-05 is held as verified; this file says pending (line 3), next to a new E2 (line 2).
        var file = TempFile("evidence.csv");
        await File.WriteAllTextAsync(
            file,
            "evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n"
            + "E2,P1,WP-CPA1-ALPHA,employment,2012-05-01,,verified,2012-05-05\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2012-02-01,,pending,2012-02-05\n");

        var result = await Expect(2, "import", "evidence", file);

        Assert.That(result.StandardError, Does.Contain(
            $"{file}(3,1): error PBR5040: evidence 'E1' recorded on 2012-02-05 is already held with different content; a new version needs a new recorded_on"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM evidence_versions"), Is.EqualTo(1));
    }

    [Test]
    public async Task ImportEvidence_MissingFile_ExitsTwo()
    {
        var result = await Expect(2, "import", "evidence", TempFile("absent.csv"));

        Assert.That(result.StandardError, Does.Contain("no such file"));
    }

    [TestCase("empty", "", "PBR5001")]
    [TestCase("wrong-header", "participant_id,contract,start_date,payment_group\nP9,WP-CPA1-ALPHA,2012-01-10,JSA 18-24\n", "PBR5002")]
    [TestCase("field-count", "participant_id,contract_id,start_date,payment_group\nP9,WP-CPA1-ALPHA,2012-01-10\n", "PBR5006")]
    [TestCase("bad-date", "participant_id,contract_id,start_date,payment_group\r\nP9,WP-CPA1-ALPHA,2012-02-30,JSA 18-24\r\n", "PBR5012")]
    public async Task ImportParticipants_BadFile_ExitsTwoWithTheCodeAndLoadsNothing(string name, string text, string code)
    {
        // RELIABILITY 7: bad values and bad shapes never crash the tool and never load part of a file.
        var file = TempFile(name + ".csv");
        await File.WriteAllTextAsync(file, text);
        var before = await ScalarAsync("SELECT count(*) FROM participants");

        var result = await Expect(2, "import", "participants", file);

        Assert.That(result.StandardError, Does.Contain($"{file}(").And.Contain($"error {code}:").And.Contain("nothing from it was loaded"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM participants"), Is.EqualTo(before));
    }

    [Test]
    public async Task ImportParticipants_InvalidUtf8_ExitsTwoAndLoadsNothing()
    {
        var file = TempFile("latin1.csv");
        var header = "participant_id,contract_id,start_date,payment_group\nP9,WP-CPA1-ALPHA,2012-01-10,"u8.ToArray();
        await File.WriteAllBytesAsync(file, [.. header, 0xE9, (byte)'\n']);
        var before = await ScalarAsync("SELECT count(*) FROM participants");

        var result = await Expect(2, "import", "participants", file);

        Assert.That(result.StandardError, Does.Contain("error PBR5005:"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM participants"), Is.EqualTo(before));
    }
}
