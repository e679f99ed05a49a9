using Pbr.Core;
using Pbr.Core.Model;
using NodaTime;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Import;

public sealed class EvidenceReaderTests
{
    private const string Header = "evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on\n";

    [Test]
    public void Read_SpellsAndEvents_GivesVersions()
    {
        var result = Evidence(Header
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,verified,2011-09-05\n"
            + "E2,P1,WP-CPA1-ALPHA,employment,2011-09-01,,pending,2011-09-10\n"
            + "X1,R1,RO-PILOT-NORTH,proven_reoffence,2012-06-01,,verified,2012-08-01\n");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 3, 4 }));
        var spell = result.Rows[0].Value;
        Assert.That(spell.Id, Is.EqualTo(new EvidenceId("E1")));
        Assert.That(spell.Participant, Is.EqualTo(new ParticipantId("P1")));
        Assert.That(spell.Kind, Is.EqualTo("employment"));
        Assert.That(spell.StartDate, Is.EqualTo(new LocalDate(2011, 6, 1)));
        Assert.That(spell.EndDate, Is.EqualTo(new LocalDate(2011, 8, 30)));
        Assert.That(spell.Status, Is.EqualTo(EvidenceStatus.Verified));
        Assert.That(spell.RecordedOn, Is.EqualTo(new LocalDate(2011, 9, 5)));
        Assert.That(result.Rows[1].Value.EndDate, Is.Null);
        Assert.That(result.Rows[1].Value.Status, Is.EqualTo(EvidenceStatus.Pending));
        Assert.That(result.Rows[2].Value.Contract, Is.EqualTo(new ContractId("RO-PILOT-NORTH")));
    }

    [Test]
    public void Read_LaterRecordedOn_IsANewVersion()
    {
        var result = Evidence(Header
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,verified,2011-09-05\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,revoked,2012-01-15\n");

        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows.Select(r => r.Value.Status), Is.EqualTo(new[] { EvidenceStatus.Verified, EvidenceStatus.Revoked }));
    }

    [Test]
    public void Read_IdenticalVersionTwice_OneEffect()
    {
        const string row = "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,verified,2011-09-05\n";

        var result = Evidence(Header + row + row);

        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows, Has.Length.EqualTo(1));
        Assert.That(result.DuplicateRows, Is.EqualTo(1));
    }

    [Test]
    public void Read_SameVersionKeyDifferentContent_Pbr5031()
    {
        var result = Evidence(Header
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-30,verified,2011-09-05\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-31,verified,2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(3,1): error PBR5031: evidence 'E1' recorded on 2011-09-05 is already on line 2 with different values; a correction needs a later recorded_on",
        }));
    }

    [Test]
    public void Read_VersionRepeatedAfterOtherIds_StillADuplicateOrAConflict()
    {
        // Out of key order: the reader can no longer compare each key with the last one alone.
        var result = Evidence(Header
            + "E3,P1,WP-CPA1-ALPHA,employment,2011-06-01,,verified,2011-09-05\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,,verified,2011-09-05\n"
            + "E2,P1,WP-CPA1-ALPHA,employment,2011-06-01,,verified,2011-09-05\n"
            + "E3,P1,WP-CPA1-ALPHA,employment,2011-06-01,,verified,2011-09-05\n"
            + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-08-31,verified,2011-09-05\n");

        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(result.DuplicateRows, Is.EqualTo(1));
        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(6,1): error PBR5031: evidence 'E1' recorded on 2011-09-05 is already on line 3 with different values; a correction needs a later recorded_on",
        }));
    }

    [Test]
    public void Read_UnknownParticipant_Pbr5024()
    {
        var result = Evidence(Header + "E1,P9,WP-CPA1-ALPHA,employment,2011-06-01,,verified,2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(2,2): error PBR5024: participant 'P9' is not known on contract WP-CPA1-ALPHA; import the participants first",
        }));
    }

    [Test]
    public void Read_ParticipantKnownOnAnotherContractOnly_Pbr5024()
    {
        var result = Evidence(Header + "E1,P1,WP-CPA2-BETA,employment,2011-06-01,,verified,2011-09-05\n");

        Assert.That(result.Problems.Single().Code, Is.EqualTo("PBR5024"));
    }

    [Test]
    public void Read_KindOfAnotherScheme_Pbr5020()
    {
        var result = Evidence(Header + "E1,P1,WP-CPA1-ALPHA,proven_reoffence,2011-06-01,,verified,2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(2,4): error PBR5020: unknown evidence kind 'proven_reoffence'; scheme work_programme declares employment",
        }));
    }

    [TestCase("Verified")]
    [TestCase("approved")]
    [TestCase(" verified")]
    public void Read_BadStatus_Pbr5021(string status)
    {
        var result = Evidence(Header + $"E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,,{status},2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            $"evidence.csv(2,7): error PBR5021: status '{status}' is not one of verified, pending, rejected, revoked",
        }));
    }

    [Test]
    public void Read_EndBeforeStart_Pbr5022()
    {
        var result = Evidence(Header + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-05-31,verified,2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(2,6): error PBR5022: end_date 2011-05-31 is before start_date 2011-06-01",
        }));
    }

    [Test]
    public void Read_OneDaySpell_EndOnStart_IsFine()
    {
        Assert.That(Evidence(Header + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-01,2011-06-01,verified,2011-09-05\n").IsClean, Is.True);
    }

    [Test]
    public void Read_EndDateOnEvent_Pbr5023()
    {
        var result = Evidence(Header + "X1,R1,RO-PILOT-NORTH,proven_reoffence,2012-06-01,2012-06-02,verified,2012-08-01\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(2,6): error PBR5023: end_date must be empty: 'proven_reoffence' is an event, which has a single date",
        }));
    }

    [Test]
    public void Read_BadDates_Pbr5012ForEachColumn()
    {
        var result = Evidence(Header + "E1,P1,WP-CPA1-ALPHA,employment,2011-06-31,20110901,verified,yesterday\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(2,5): error PBR5012: start_date '2011-06-31' is not a date of the form yyyy-MM-dd",
            "evidence.csv(2,6): error PBR5012: end_date '20110901' is not a date of the form yyyy-MM-dd",
            "evidence.csv(2,8): error PBR5012: recorded_on 'yesterday' is not a date of the form yyyy-MM-dd",
        }));
    }

    [Test]
    public void Read_BadIdsAndUnknownContract_AllReported()
    {
        var result = Evidence(Header + $"E 1,{new string('p', 65)},NOPE,employment,2011-06-01,,verified,2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(2,1): error PBR5010: evidence_id: 'E 1' has a character other than A-Z, a-z, 0-9, '_' or '-'",
            "evidence.csv(2,2): error PBR5010: participant_id: an id has at most 64 characters, this one has 65",
            "evidence.csv(2,3): error PBR5011: unknown contract 'NOPE' (known: RO-PILOT-NORTH, WP-CPA1-ALPHA, WP-CPA2-BETA)",
        }));
    }

    [Test]
    public void Read_MissingFixedColumn_Pbr5002AndNoRows()
    {
        var result = Evidence("evidence_id,participant_id,contract_id,kind,start_date,status,recorded_on\nE1,P1,WP-CPA1-ALPHA,employment,2011-06-01,verified,2011-09-05\n");

        Assert.That(Rendered(result), Is.EqualTo(new[]
        {
            "evidence.csv(1,1): error PBR5002: missing column 'end_date', which every evidence file needs",
        }));
        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Rejected, Is.Empty);
    }

    [Test]
    public void Read_KindAttributes_CheckedAndKept()
    {
        const string header = "evidence_id,participant_id,contract_id,kind,start_date,end_date,status,recorded_on,site\n";

        var good = Evidence(header + "V1,T1,TYPED-1,visit,2020-02-01,,verified,2020-02-02,\"Leeds, North\"\n", TypedOnly);
        var empty = Evidence(header + "V1,T1,TYPED-1,visit,2020-02-01,,verified,2020-02-02,\n", TypedOnly);
        var missing = Evidence(Header + "V1,T1,TYPED-1,visit,2020-02-01,,verified,2020-02-02\n", TypedOnly);

        Assert.That(good.Rows.Single().Value.Attributes, Is.EqualTo(Attributes(("site", "Leeds, North"))));
        Assert.That(Rendered(empty), Is.EqualTo(new[] { "evidence.csv(2,9): error PBR5015: site is required and is empty" }));
        Assert.That(Rendered(missing), Is.EqualTo(new[] { "evidence.csv(1,1): error PBR5002: missing column 'site', which scheme typed declares" }));
    }

    [Test]
    public void Read_CrLfAndReorderedColumns()
    {
        var result = Evidence(
            "status,recorded_on,kind,evidence_id,contract_id,participant_id,end_date,start_date\r\n"
            + "verified,2011-09-05,employment,E1,WP-CPA1-ALPHA,P1,,2011-06-01\r\n");

        Assert.That(result.IsClean, Is.True);
        Assert.That(result.Rows.Single().Value.EndDate, Is.Null);
    }
}
