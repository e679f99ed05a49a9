using System.Collections.Immutable;
using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Dsl;
using Pbr.Engine.Explaining;
using Pbr.Engine.Settlement;
using Pbr.Ledger.Postgres.Settlement;
using Pbr.Ledger.Postgres.Sql;
using Pbr.Ledger.Postgres.Tariffs;

namespace Pbr.Ledger.Postgres.Audit;

/// <summary>
/// <c>pbr explain</c>: for one participant, every line ever posted with the reasons as they stood at
/// the run that posted it (recomputed from that run's recorded tariff and the inputs known to it), and
/// what is due now by the tariffs in force. Read-only.
/// </summary>
public sealed class ParticipantExplainer(NpgsqlDataSource dataSource)
{
    private const string PostedSql = """
        SELECT l.run_id AS Run, r.as_of AS RunAsOf, r.known_at AS RunKnownAt, r.created_at AS RunCreatedAt,
               r.tariff_sha256s AS RunTariffs, l.outcome AS Outcome, l.instalment AS Instalment, l.kind AS Kind,
               l.amount_pence AS Amount, l.due_date AS DueDate, l.rule AS Rule, encode(l.tariff_sha256, 'hex') AS TariffSha256,
               l.evidence_ids AS EvidenceIds
        FROM ledger_lines l
        JOIN runs r ON r.contract_id = l.contract_id AND r.run_id = l.run_id
        WHERE l.contract_id = @contract AND l.participant_id = @participant
        ORDER BY l.run_id, l.outcome COLLATE "C", l.instalment
        """;

    /// <summary>Explains a participant as of <paramref name="asOf"/> with the evidence known at <paramref name="knownAt"/>; null when the participant is unknown.</summary>
    public async Task<ParticipantTrace?> ExplainAsync(
        ContractId contract, ParticipantId participant, LocalDate asOf, LocalDate knownAt, CancellationToken cancellationToken = default)
    {
        LocalDateHandler.EnsureRegistered();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var person = (await LedgerReads.ParticipantsAsync(connection, contract, cancellationToken, participant: participant).ConfigureAwait(false)).SingleOrDefault();
            if (person is null)
            {
                return null;
            }

            var rows = (await connection.QueryAsync<PostedRow>(new CommandDefinition(
                PostedSql, new { contract = contract.Value, participant = participant.Value }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
            var posted = await ExplainPostedAsync(connection, contract, participant, rows, cancellationToken).ConfigureAwait(false);

            var current = TariffCompiler.Compile(await new TariffStore(dataSource).LoadCurrentAsync(cancellationToken).ConfigureAwait(false));
            var evidence = await LedgerReads.EvidenceAsync(connection, contract, knownAt, cancellationToken, participant: participant).ConfigureAwait(false);
            var due = Evaluate(current, contract, person, evidence, asOf, knownAt);
            var sums = rows.GroupBy(r => (r.Outcome, r.Instalment)).ToDictionary(g => g.Key, g => Money.FromPence(g.Sum(r => r.Amount)));
            var dueNow = due.Lines
                .OrderBy(l => l.Key)
                .Select(l => new DueEntry(l.Outcome, l.Instalment, l.Amount, l.DueDate, l.Rule, l.EvidenceIds, l.Explanation,
                    sums.GetValueOrDefault((l.Outcome, l.Instalment))))
                .ToList();

            // Keys posted but no longer due: what the next run would claw back.
            var dueKeys = dueNow.Select(d => (d.Outcome, d.Instalment)).ToHashSet();
            dueNow.AddRange(sums
                .Where(s => s.Value != Money.Zero && !dueKeys.Contains(s.Key))
                .OrderBy(s => s.Key.Outcome, StringComparer.Ordinal).ThenBy(s => s.Key.Instalment)
                .Select(s => new DueEntry(s.Key.Outcome, s.Key.Instalment, Money.Zero, asOf, string.Empty, [], Explanation.None, s.Value)));
            return new ParticipantTrace(contract, participant, asOf, knownAt, posted, [.. dueNow], due.Problems);
        }
    }

    private static async Task<ImmutableArray<PostedEntry>> ExplainPostedAsync(
        NpgsqlConnection connection, ContractId contract, ParticipantId participant, List<PostedRow> rows, CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<PostedEntry>();
        var postedSoFar = new Dictionary<(string, int), Money>();
        var lastPostingKnownAt = new Dictionary<(string, int), LocalDate>();
        var compilations = new Dictionary<string, TariffCompilation>(StringComparer.Ordinal);
        foreach (var run in rows.GroupBy(r => r.Run))
        {
            var first = run.First();
            var shas = string.Join(",", first.RunTariffs.Order(StringComparer.Ordinal));
            if (!compilations.TryGetValue(shas, out var compilation))
            {
                compilation = await AuditReads.CompileAsync(connection, null, first.RunTariffs, cancellationToken).ConfigureAwait(false);
                compilations[shas] = compilation;
            }

            // The inputs as that run knew them: imported by the time it committed, recorded by its known-at date.
            var person = (await LedgerReads.ParticipantsAsync(connection, contract, cancellationToken, first.RunCreatedAt, participant).ConfigureAwait(false)).SingleOrDefault();
            var evidence = await LedgerReads.EvidenceAsync(connection, contract, first.RunKnownAt, cancellationToken, first.RunCreatedAt, participant).ConfigureAwait(false);
            var due = person is null
                ? []
                : Evaluate(compilation, contract, person, evidence, first.RunAsOf, first.RunKnownAt).Lines.ToDictionary(l => (l.Outcome, l.Instalment));
            foreach (var row in run)
            {
                var key = (row.Outcome, row.Instalment);
                var before = postedSoFar.GetValueOrDefault(key);
                var line = due.GetValueOrDefault(key);
                var since = lastPostingKnownAt.TryGetValue(key, out var last) ? last : LocalDate.MinIsoValue;
                var changed = evidence.Where(e => e.RecordedOn > since);
                var amount = Money.FromPence(row.Amount);
                entries.Add(new PostedEntry(
                    new RunId(row.Run), row.RunAsOf, row.RunKnownAt, row.Outcome, row.Instalment, row.Kind, amount, row.DueDate, row.Rule,
                    row.TariffSha256, [.. row.EvidenceIds.Select(e => new EvidenceId(e))], before, line?.Amount ?? Money.Zero, line?.Explanation,
                    ReasonText.For(amount, before, line?.Amount ?? Money.Zero, row.RunAsOf, row.RunKnownAt, changed)));
                postedSoFar[key] = before + amount;
                lastPostingKnownAt[key] = row.RunKnownAt;
            }
        }

        return entries.ToImmutable();
    }

    private static EvaluationResult Evaluate(
        TariffCompilation compilation, ContractId contract, Participant person, IReadOnlyList<EvidenceVersion> evidence, LocalDate asOf, LocalDate knownAt)
    {
        var terms = compilation.HasErrors ? null : compilation.Contracts.FirstOrDefault(c => c.Id == contract);
        if (terms is null)
        {
            var problem = new EvaluationProblem(ProblemKind.NoRuleApplies, contract, person.Id.Value,
                compilation.HasErrors ? "the tariff sources do not compile" : $"no tariff source in force declares contract {contract}");
            return new EvaluationResult([], [problem]);
        }

        return compilation.Scheme(terms.Scheme).EvaluateParticipant(terms, person, evidence, asOf, knownAt);
    }

    private sealed class PostedRow
    {
        public long Run { get; init; }
        public LocalDate RunAsOf { get; init; }
        public LocalDate RunKnownAt { get; init; }
        public Instant RunCreatedAt { get; init; }
        public string[] RunTariffs { get; init; } = [];
        public string Outcome { get; init; } = "";
        public int Instalment { get; init; }
        public string Kind { get; init; } = "";
        public long Amount { get; init; }
        public LocalDate DueDate { get; init; }
        public string Rule { get; init; } = "";
        public string TariffSha256 { get; init; } = "";
        public string[] EvidenceIds { get; init; } = [];
    }
}
