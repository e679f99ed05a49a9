using Pbr.Core.Model;
using Pbr.Engine.Import;
using Pbr.Engine.Reconciliation;
using Pbr.TestKit.Fuzzing;
using static Pbr.Engine.Tests.Import.Catalogs;

namespace Pbr.Engine.Tests.Fuzzing;

/// <summary>
/// Issue 8, item 5: every CSV reader gets the whole mutation catalogue (<see cref="Mutations"/>),
/// <see cref="FuzzSettings.Cases"/> cases each (400 in CI; <c>PBR_FUZZ_CASES=10000</c> for the long
/// run), and must never throw, never take more than the bound per case, report every problem
/// precisely and never offer part of a broken file for loading (<see cref="ImportResultRules"/>).
/// </summary>
[Category("Faults")]
public sealed class CsvReaderFuzzTests
{
    // Generous for a shared two-core machine: a valid file of this size reads in about a millisecond.
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);

    [Test]
    public void Participants_MutatedFiles_PreciseErrorsNeverPartial()
    {
        var originals = ReaderSeeds.Participants.ToDictionary(b => (object)b, ReadParticipants, ReferenceEqualityComparer.Instance);
        Assert.That(originals.Values.All(r => r.IsClean && !r.Rows.IsEmpty), Is.True, "every original is a valid file");

        var report = FuzzRunner.Run("participants", ReaderSeeds.Participants, PerCase, c =>
            ImportResultRules.Judge(c, ReadParticipants(c.Input), "participants.csv", originals[c.Original], Describe));

        AssertEveryOutcomeSeen(report);
    }

    [Test]
    public void Evidence_MutatedFiles_PreciseErrorsNeverPartial()
    {
        var originals = ReaderSeeds.Evidence.ToDictionary(b => (object)b, ReadEvidence, ReferenceEqualityComparer.Instance);
        Assert.That(originals.Values.All(r => r.IsClean && !r.Rows.IsEmpty), Is.True, "every original is a valid file");

        var report = FuzzRunner.Run("evidence", ReaderSeeds.Evidence, PerCase, c =>
            ImportResultRules.Judge(c, ReadEvidence(c.Input), "evidence.csv", originals[c.Original], Describe));

        AssertEveryOutcomeSeen(report);
    }

    [Test]
    public void Claims_MutatedFiles_PreciseErrorsNeverPartial()
    {
        var originals = ReaderSeeds.Claims.ToDictionary(b => (object)b, ReadClaims, ReferenceEqualityComparer.Instance);
        Assert.That(originals.Values.All(r => r.IsClean && !r.Rows.IsEmpty), Is.True, "every original is a valid file");

        var report = FuzzRunner.Run("claims", ReaderSeeds.Claims, PerCase, c =>
            ImportResultRules.Judge(c, ReadClaims(c.Input), "claims.csv", originals[c.Original], claim => claim.ToString()));

        AssertEveryOutcomeSeen(report);
    }

    private static ImportResult<Participant> ReadParticipants(byte[] bytes) =>
        ParticipantsReader.Read(new MemoryStream(bytes), "participants.csv", ReaderSeeds.Catalog);

    private static ImportResult<EvidenceVersion> ReadEvidence(byte[] bytes) =>
        EvidenceReader.Read(new MemoryStream(bytes), "evidence.csv", ReaderSeeds.Catalog, Known);

    private static ImportResult<Claim> ReadClaims(byte[] bytes) => ClaimsReader.Read(new MemoryStream(bytes), "claims.csv");

    private static string Describe(Participant p) =>
        $"{p.Contract.Value}/{p.Id.Value} {p.StartDate:yyyy-MM-dd} {string.Join(';', p.Attributes.Select(a => $"{a.Key}={a.Value}"))}";

    private static string Describe(EvidenceVersion e) =>
        $"{e.Contract.Value}/{e.Id.Value}@{e.RecordedOn:yyyy-MM-dd} {e.Participant.Value} {e.Kind} {e.StartDate:yyyy-MM-dd}-{e.EndDate:yyyy-MM-dd} {e.Status} {string.Join(';', e.Attributes.Select(a => $"{a.Key}={a.Value}"))}";

    // The campaign is only worth something if it reached every kind of outcome, not just "rejected".
    private static void AssertEveryOutcomeSeen(FuzzReport report)
    {
        if (FuzzSettings.OnlyCase is null)
        {
            Assert.That(report.ByOutcome.Keys, Is.SupersetOf(new[] { "clean", "bad rows rejected", "whole file rejected" }), report.ToString());
        }
    }
}
