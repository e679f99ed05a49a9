using System.Collections.Immutable;
using Npgsql;
using Pbr.Core;
using Pbr.Engine;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Settlement;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>
/// <c>pbr replay</c>: rebuilds a run's inputs as they were (the tariff sources by their recorded
/// SHA-256, the participants and evidence versions imported by the time of the run and known at its
/// known-at date, the ledger before the run), recomputes the run with the current engine through the
/// very planner a settlement uses, and compares it with what was posted, field by field and hash by hash.
/// </summary>
/// <remarks>Read-only: it needs nothing but SELECT, so it runs as the auditor role.</remarks>
public sealed class RunReplayer(NpgsqlDataSource dataSource)
{
    /// <summary>Replays one run, or every run when <paramref name="run"/> is null, in run order.</summary>
    public async Task<ImmutableArray<ReplayResult>> ReplayAsync(RunId? run, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var runs = await AuditReads.RunsAsync(connection, transaction, run?.Value, cancellationToken).ConfigureAwait(false);
                var results = ImmutableArray.CreateBuilder<ReplayResult>();
                foreach (var stored in runs.OrderBy(r => r.RunId))
                {
                    results.Add(await ReplayOneAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false));
                }

                return results.ToImmutable();
            }
        }
    }

    private static async Task<ReplayResult> ReplayOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredRun run, CancellationToken cancellationToken)
    {
        var contract = new ContractId(run.Contract);
        var id = new RunId(run.RunId);
        var compilation = await AuditReads.CompileAsync(connection, transaction, run.TariffSha256s, cancellationToken).ConfigureAwait(false);
        var terms = compilation.HasErrors ? null : compilation.Contracts.FirstOrDefault(c => c.Id == contract);
        if (terms is null)
        {
            var why = compilation.HasErrors ? compilation.Render() : $"no recorded tariff source declares contract {contract}";
            return new ReplayResult(id, contract, run.LineCount, [new ReplayDifference("tariff sources", string.Join(", ", run.TariffSha256s), why)]);
        }

        var catalog = new CompiledTariffCatalog(compilation);
        var posted = await LedgerReads.PostedAsync(connection, contract, cancellationToken, id).ConfigureAwait(false);
        var participants = await LedgerReads.ParticipantsAsync(connection, contract, cancellationToken, run.CreatedAt).ConfigureAwait(false);
        var evidence = await LedgerReads.EvidenceAsync(connection, contract, run.KnownAt, cancellationToken, run.CreatedAt).ConfigureAwait(false);
        var schemeSha = catalog.SchemeSha256(terms.Scheme);
        var input = new SettlementInput(
            terms, catalog.Scheme(terms.Scheme), schemeSha, [schemeSha, catalog.ContractSha256(terms.Id)],
            participants, evidence, run.AsOf, run.KnownAt, EngineInfo.Version);
        var plan = SettlementPlanner.Plan(input, posted, run.PrevHash);
        var lines = await AuditReads.LinesAsync(connection, transaction, run.Contract, run.RunId, cancellationToken).ConfigureAwait(false);
        return new ReplayResult(id, contract, lines.Count, Compare(run, lines, plan));
    }

    private static ImmutableArray<ReplayDifference> Compare(StoredRun run, List<StoredLine> stored, SettlementPlan plan)
    {
        var differences = ImmutableArray.CreateBuilder<ReplayDifference>();
        var header = plan.Header;
        void Field(string subject, string posted, string recomputed)
        {
            if (!string.Equals(posted, recomputed, StringComparison.Ordinal))
            {
                differences.Add(new ReplayDifference(subject, posted, recomputed));
            }
        }

        Field("engine version", run.EngineVersion, header.EngineVersion);
        Field("tariff sources", string.Join(",", run.TariffSha256s), string.Join(",", header.TariffSha256s));
        Field("input digest", run.InputDigest, header.InputDigest);
        Field("participants read", Text(run.ParticipantCount), Text(header.ParticipantCount));
        Field("evidence versions read", Text(run.EvidenceCount), Text(header.EvidenceCount));
        Field("lines", Text(run.LineCount), Text(header.LineCount));
        Field("payments", Money.FromPence(run.Payments).ToString(), header.Payments.ToString());
        Field("clawbacks", Money.FromPence(run.Clawbacks).ToString(), header.Clawbacks.ToString());

        var postedLines = stored.Select(s => s.Restore()).ToDictionary(l => l.Key);
        var recomputed = plan.Lines.ToDictionary(l => l.Key);
        foreach (var key in postedLines.Keys.Union(recomputed.Keys).Order())
        {
            var subject = $"({(key.Participant.Length > 0 ? key.Participant : key.Cohort)}, {key.Outcome}, {key.Instalment})";
            Field(subject, Describe(postedLines.GetValueOrDefault(key)), Describe(recomputed.GetValueOrDefault(key)));
        }

        Field("run hash", run.RunHash, header.Hash);
        return differences.ToImmutable();
    }

    private static string Describe(PostingLine? line) =>
        line is null
            ? "-"
            : $"{LineKindText.Format(line.Kind)} {line.Amount} due {line.DueDate:yyyy-MM-dd} rule {line.Rule} " +
              $"evidence [{string.Join(";", line.EvidenceIds)}] hash {line.Hash[..12]}";

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
