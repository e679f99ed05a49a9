using System.Globalization;
using CsvHelper;
using NodaTime;

namespace Pbr.Engine.Generation;

/// <summary>
/// Writes synthetic Work Programme data (participants.csv and evidence.csv, DESIGN §4) with a
/// realistic shape: the referral mix of payment groups, starts spread over the referral period on
/// both sample contracts, a plausible share of people finding work, spells from a few days to
/// years, gaps and returns, evidence recorded weeks late, and a few revocations and corrections.
/// </summary>
/// <remarks>
/// Deterministic: the same seed gives the same bytes. Streaming: each participant's rows are
/// written before the next is made, so memory does not grow with the number of participants.
/// </remarks>
public static class WorkProgrammeGenerator
{
    private static readonly LocalDate FirstStart = new(2011, 6, 1);
    private static readonly LocalDate LastStart = new(2016, 3, 31);

    // Payment group, share of referrals (per mille), and chance of ever finding work (per mille):
    // mostly JSA claimants, who find work far more often than the ESA and IB groups.
    private static readonly (string Group, int Share, int FindsWork)[] Groups =
    [
        ("JSA 18-24", 190, 650),
        ("JSA 25+", 480, 600),
        ("JSA Early Access", 50, 550),
        ("JSA Ex-IB", 30, 420),
        ("ESA Volunteers", 60, 350),
        ("New ESA Claimants", 110, 320),
        ("ESA Ex-IB", 30, 200),
        ("IB/IS", 20, 250),
        ("JSA Prison Leavers", 30, 400),
    ];

    private static readonly int[] GroupWeights = [.. Groups.Select(g => g.Share)];

    /// <summary>The sample contracts the data is for, with their share of participants.</summary>
    private static readonly (string Contract, int Share)[] Contracts = [("WP-CPA1-ALPHA", 55), ("WP-CPA2-BETA", 45)];

    private static readonly int[] ContractWeights = [.. Contracts.Select(c => c.Share)];

    /// <summary>Writes <paramref name="participants"/> participants and their evidence.</summary>
    /// <param name="progress">Called with the number of participants written so far, every 10,000 and at the end.</param>
    public static GenerationSummary Generate(
        long participants, long seed, TextWriter participantsOut, TextWriter evidenceOut, Action<long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        ArgumentNullException.ThrowIfNull(participantsOut);
        ArgumentNullException.ThrowIfNull(evidenceOut);
        var options = CsvWriterOptions.Default with { NewLine = "\n" };
        using var people = CsvWriter.Create(participantsOut, options, leaveOpen: true);
        using var evidence = CsvWriter.Create(evidenceOut, options, leaveOpen: true);
        people.WriteRecord(["participant_id", "contract_id", "start_date", "payment_group"]);
        evidence.WriteRecord(["evidence_id", "participant_id", "contract_id", "kind", "start_date", "end_date", "status", "recorded_on"]);

        var random = new SplitMix64(unchecked((ulong)seed));
        var referralDays = Period.Between(FirstStart, LastStart, PeriodUnits.Days).Days;
        var evidenceRows = 0L;
        var evidenceNumber = 0L;
        for (var n = 1L; n <= participants; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"G{n:D9}");
            var contract = Contracts[random.Weighted(ContractWeights)].Contract;
            var group = Groups[random.Weighted(GroupWeights)];
            var start = FirstStart.PlusDays(random.Between(0, referralDays));
            people.WriteRecord([id, contract, Iso(start), group.Group]);

            if (random.PerMille(group.FindsWork))
            {
                evidenceRows += WriteSpells(ref random, evidence, id, contract, start, ref evidenceNumber);
            }

            if (n % 10_000 == 0)
            {
                progress?.Invoke(n);
            }
        }

        people.Flush();
        evidence.Flush();
        progress?.Invoke(participants);
        return new GenerationSummary(participants, evidenceRows);
    }

    // One working history: a first job some months after the start, then perhaps more after gaps.
    // Employers report a job when it starts and again when it ends, so most spells have two
    // versions: open, then closed; either may be late.
    private static int WriteSpells(ref SplitMix64 random, CsvWriter evidence, string participant, string contract, LocalDate start, ref long number)
    {
        var rows = 0;
        var spellStart = start.PlusDays(random.Between(7, 540));
        while (true)
        {
            number++;
            var id = string.Create(CultureInfo.InvariantCulture, $"GE{number:D10}");

            // Short and broken, a few months, a year or more, or still in work.
            LocalDate? end = random.Weighted([35, 35, 22, 8]) switch
            {
                0 => spellStart.PlusDays(random.Between(3, 60)),
                1 => spellStart.PlusDays(random.Between(61, 300)),
                2 => spellStart.PlusDays(random.Between(301, 1500)),
                _ => null,
            };
            var status = random.Weighted([920, 50, 30]) switch
            {
                0 => "verified",
                1 => "pending",
                _ => "rejected",
            };

            var reportedOpen = spellStart.PlusDays(Lateness(ref random));
            LocalDate recorded;
            if (end is { } e && (reportedOpen >= e || random.PerMille(150)))
            {
                // Reported only once it was over.
                recorded = e.PlusDays(Lateness(ref random));
                Write(evidence, id, participant, contract, spellStart, end, status, recorded);
                rows++;
            }
            else
            {
                Write(evidence, id, participant, contract, spellStart, null, status, reportedOpen);
                rows++;
                recorded = reportedOpen;
                if (end is { } closed)
                {
                    recorded = closed.PlusDays(Lateness(ref random));
                    Write(evidence, id, participant, contract, spellStart, end, status, recorded);
                    rows++;
                }
            }

            if (status == "pending" && random.PerMille(700))
            {
                Write(evidence, id, participant, contract, spellStart, end, "verified", recorded.PlusDays(random.Between(7, 60)));
                rows++;
            }
            else if (status == "verified" && random.PerMille(20))
            {
                Write(evidence, id, participant, contract, spellStart, end, "revoked", recorded.PlusDays(random.Between(14, 200)));
                rows++;
            }
            else if (status == "verified" && end is { } last && random.PerMille(30))
            {
                var corrected = last.PlusDays(random.Between(-14, 42));
                Write(evidence, id, participant, contract, spellStart, corrected < spellStart ? spellStart : corrected, "verified", recorded.PlusDays(random.Between(7, 120)));
                rows++;
            }

            if (end is not { } finished || !random.PerMille(750))
            {
                return rows;
            }

            // Back to work after a gap; now and then the records overlap by a few days.
            spellStart = finished.PlusDays(random.PerMille(100) ? -random.Between(1, 10) : random.Between(1, 200));
        }
    }

    // Mostly a few weeks; one record in ten is months late.
    private static int Lateness(ref SplitMix64 random) =>
        random.PerMille(900) ? random.Between(7, 56) : random.Between(57, 400);

    private static void Write(
        CsvWriter evidence, string id, string participant, string contract, LocalDate start, LocalDate? end, string status, LocalDate recorded) =>
        evidence.WriteRecord([id, participant, contract, "employment", Iso(start), Iso(end), status, Iso(recorded)]);

    private static string Iso(LocalDate? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
}
