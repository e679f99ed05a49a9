using System.Collections.Immutable;
using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Hashing;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>
/// <c>pbr verify</c>: recomputes every line hash, every run hash and each contract's chain of runs,
/// and checks each run's counts and control totals against its lines. Read-only: it runs as the
/// auditor role just as well as the application role.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource)
{
    /// <summary>Checks the whole ledger, contract by contract.</summary>
    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for the whole check, so a run committed meanwhile cannot look half-posted.
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                return await VerifyAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<VerifyReport> VerifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var runs = await AuditReads.RunsAsync(connection, transaction, null, cancellationToken).ConfigureAwait(false);

        var findings = ImmutableArray.CreateBuilder<VerifyFinding>();
        var lineTotal = 0;
        foreach (var contractRuns in runs.GroupBy(r => r.Contract, StringComparer.Ordinal))
        {
            var lines = await AuditReads.LinesAsync(connection, transaction, contractRuns.Key, null, cancellationToken).ConfigureAwait(false);
            lineTotal += lines.Count;
            findings.AddRange(CheckContract(contractRuns.ToList(), lines));
        }

        return new VerifyReport(runs.Count, lineTotal, findings.ToImmutable());
    }

    private static IEnumerable<VerifyFinding> CheckContract(IReadOnlyList<StoredRun> runs, IReadOnlyList<StoredLine> lines)
    {
        var byRun = lines.ToLookup(l => l.RunId);
        var known = runs.Select(r => r.RunId).ToHashSet();
        foreach (var orphan in lines.Where(l => !known.Contains(l.RunId)))
        {
            // The foreign key makes this impossible unless constraints were bypassed; say so all the same.
            yield return new VerifyFinding(FindingKind.ControlTotals, new ContractId(orphan.Contract), new RunId(orphan.RunId), orphan.Describe(), "line has no run header");
        }

        var expectedPrev = Sha256Hex.Genesis;
        foreach (var run in runs)
        {
            var contract = new ContractId(run.Contract);
            var id = new RunId(run.RunId);
            if (!string.Equals(run.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                yield return new VerifyFinding(FindingKind.BrokenChain, contract, id, null,
                    $"previous hash is {Short(run.PrevHash)} but the run before it hashes to {Short(expectedPrev)}");
            }

            var restored = byRun[run.RunId].Select(l => (Stored: l, Line: l.Restore())).OrderBy(p => p.Line.Key).ToList();
            foreach (var (stored, line) in restored.Where(p => !string.Equals(p.Line.Hash, p.Stored.LineHash, StringComparison.Ordinal)))
            {
                yield return new VerifyFinding(FindingKind.AlteredLine, contract, id, stored.Describe(),
                    $"stored hash {Short(stored.LineHash)} but its fields hash to {Short(line.Hash)}");
            }

            var payments = Money.Sum(restored.Where(p => p.Line.Amount > Money.Zero).Select(p => p.Line.Amount));
            var clawbacks = Money.Sum(restored.Where(p => p.Line.Amount < Money.Zero).Select(p => p.Line.Amount));
            if (restored.Count != run.LineCount || payments.Pence != run.Payments || clawbacks.Pence != run.Clawbacks || run.Net != run.Payments + run.Clawbacks)
            {
                yield return new VerifyFinding(FindingKind.ControlTotals, contract, id, null,
                    $"header says {run.LineCount} lines, payments {Money.FromPence(run.Payments)}, clawbacks {Money.FromPence(run.Clawbacks)}; " +
                    $"the lines are {restored.Count}, payments {payments}, clawbacks {clawbacks}");
            }

            // The header as stored, over the lines as found: a line added or removed changes the run's hash.
            var header = new RunHeader(
                contract, run.AsOf, run.KnownAt, run.EngineVersion, [.. run.TariffSha256s], run.InputDigest, run.ParticipantCount,
                run.EvidenceCount, restored.Count, Money.FromPence(run.Payments), Money.FromPence(run.Clawbacks), run.PrevHash, run.RunHash);
            var recomputed = RunHasher.Compute(header, restored.Select(p => Sha256Value.From(Convert.FromHexString(p.Stored.LineHash))));
            if (!string.Equals(recomputed, run.RunHash, StringComparison.Ordinal))
            {
                yield return new VerifyFinding(FindingKind.AlteredRun, contract, id, null,
                    $"stored run hash {Short(run.RunHash)} but the header and its lines hash to {Short(recomputed)}");
            }

            expectedPrev = run.RunHash;
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
