using System.Collections.Immutable;
using Dapper;
using NodaTime;
using Npgsql;
using Pbr.Core;
using Pbr.Ledger.Postgres.Audit;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Reports;

/// <summary>Reads what <c>pbr report</c> shows for one run; every query stays within the run's contract.</summary>
public sealed class RunReportStore(NpgsqlDataSource dataSource)
{
    private const string ByOutcomeSql = """
        SELECT outcome AS Name, count(*)::int AS Lines,
               coalesce(sum(amount_pence) FILTER (WHERE amount_pence > 0), 0)::bigint AS Payments,
               coalesce(sum(amount_pence) FILTER (WHERE amount_pence < 0), 0)::bigint AS Clawbacks
        FROM ledger_lines
        WHERE contract_id = @contract AND run_id = @run
        GROUP BY outcome
        ORDER BY outcome COLLATE "C"
        """;

    // Cohort lines have no participant: they are grouped under their cohort.
    private const string ByGroupSql = """
        SELECT coalesce(p.attributes ->> @attribute, 'cohort ' || l.cohort, '(none)') AS Name, count(*)::int AS Lines,
               coalesce(sum(l.amount_pence) FILTER (WHERE l.amount_pence > 0), 0)::bigint AS Payments,
               coalesce(sum(l.amount_pence) FILTER (WHERE l.amount_pence < 0), 0)::bigint AS Clawbacks
        FROM ledger_lines l
        LEFT JOIN participants p ON p.contract_id = l.contract_id AND p.participant_id = l.participant_id
        WHERE l.contract_id = @contract AND l.run_id = @run
        GROUP BY 1
        ORDER BY coalesce(p.attributes ->> @attribute, 'cohort ' || l.cohort, '(none)') COLLATE "C"
        """;

    private const string NetByMonthSql = """
        SELECT date_trunc('month', r.as_of)::date AS Month, sum(l.amount_pence)::bigint AS Net
        FROM ledger_lines l
        JOIN runs r ON r.contract_id = l.contract_id AND r.run_id = l.run_id
        WHERE l.contract_id = @contract AND l.run_id <= @run
        GROUP BY 1
        ORDER BY 1
        """;

    private const string LargestChangesSql = """
        SELECT coalesce(l.participant_id, l.cohort) AS Subject, l.outcome AS Outcome, l.instalment AS Instalment,
               coalesce((SELECT sum(e.amount_pence) FROM ledger_lines e
                         WHERE e.contract_id = l.contract_id AND e.run_id < l.run_id
                           AND e.participant_id IS NOT DISTINCT FROM l.participant_id AND e.cohort IS NOT DISTINCT FROM l.cohort
                           AND e.outcome = l.outcome AND e.instalment = l.instalment), 0)::bigint AS Before,
               l.amount_pence AS Change
        FROM ledger_lines l
        WHERE l.contract_id = @contract AND l.run_id = @run
        ORDER BY abs(l.amount_pence) DESC, coalesce(l.participant_id, l.cohort) COLLATE "C", l.outcome COLLATE "C", l.instalment
        LIMIT @limit
        """;

    /// <summary>Reads the report of one run; null when there is no such run.</summary>
    public async Task<RunReportData?> ReadAsync(RunId run, string groupAttribute, int largest, CancellationToken cancellationToken = default)
    {
        LocalDateHandler.EnsureRegistered();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var header = (await AuditReads.RunsAsync(connection, transaction, run.Value, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
                if (header is null)
                {
                    return null;
                }

                var args = new { contract = header.Contract, run = run.Value, attribute = groupAttribute, limit = largest };
                async Task<List<T>> Query<T>(string sql) =>
                    (await connection.QueryAsync<T>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();

                var byOutcome = await Query<BreakdownRow>(ByOutcomeSql).ConfigureAwait(false);
                var byGroup = await Query<BreakdownRow>(ByGroupSql).ConfigureAwait(false);
                var months = await Query<MonthRow>(NetByMonthSql).ConfigureAwait(false);
                var changes = await Query<ChangeRow>(LargestChangesSql).ConfigureAwait(false);
                return new RunReportData(
                    run, new ContractId(header.Contract), header.AsOf, header.KnownAt, header.ParticipantCount, header.EvidenceCount, header.LineCount,
                    Money.FromPence(header.Payments), Money.FromPence(header.Clawbacks), header.RunHash, groupAttribute,
                    [.. byOutcome.Select(r => r.ToBreakdown())],
                    [.. byGroup.Select(r => r.ToBreakdown())],
                    [.. months.Select(m => new MonthNet(m.Month, Money.FromPence(m.Net)))],
                    [.. changes.Select(c => new ReportChange(c.Subject, c.Outcome, c.Instalment, Money.FromPence(c.Before), Money.FromPence(c.Change)))]);
            }
        }
    }

    private sealed class BreakdownRow
    {
        public string Name { get; init; } = "";
        public int Lines { get; init; }
        public long Payments { get; init; }
        public long Clawbacks { get; init; }

        public ReportBreakdown ToBreakdown() => new(Name, Lines, Money.FromPence(Payments), Money.FromPence(Clawbacks));
    }

    private sealed class MonthRow
    {
        public LocalDate Month { get; init; }
        public long Net { get; init; }
    }

    private sealed class ChangeRow
    {
        public string Subject { get; init; } = "";
        public string Outcome { get; init; } = "";
        public int Instalment { get; init; }
        public long Before { get; init; }
        public long Change { get; init; }
    }
}
