using System.Collections.Immutable;
using NodaTime;
using Npgsql;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>
/// The history of scheduled runs in <c>schedule_claims</c> and <c>schedule_outcomes</c>: the claim that
/// makes a fire run once across every scheduler sharing the database, and what each claimed run did.
/// </summary>
public sealed class ScheduleHistory(NpgsqlDataSource dataSource)
{
    // One statement, so two schedulers racing for the same fire both compute the same attempt
    // number and the unique key lets exactly one insert win; the loser gets no row back. A fire
    // may be claimed again only when every earlier claim ended cancelled (nothing was posted).
    private const string ClaimSql =
        """
        WITH prior AS (
            SELECT c.claim_id, o.outcome
            FROM schedule_claims c LEFT JOIN schedule_outcomes o USING (claim_id)
            WHERE c.schedule = @schedule AND c.fire_time = @fire AND c.contract_id = @contract)
        INSERT INTO schedule_claims (schedule, fire_time, contract_id, attempt, as_of, known_at, claimed_at, claimed_by)
        SELECT @schedule, @fire, @contract, (SELECT count(*) + 1 FROM prior), @asOf, @knownAt, @claimedAt, @claimedBy
        WHERE NOT EXISTS (SELECT 1 FROM prior WHERE outcome IS DISTINCT FROM 'cancelled')
        ON CONFLICT (schedule, fire_time, contract_id, attempt) DO NOTHING
        RETURNING claim_id, attempt
        """;

    private const string OutcomeSql =
        """
        INSERT INTO schedule_outcomes (claim_id, outcome, finished_at, duration_ms, tries, run_id, line_count, error)
        VALUES (@claim, @outcome, @finishedAt, @durationMs, @tries, @runId, @lineCount, @error)
        """;

    private const string ListSql =
        """
        SELECT c.schedule, c.fire_time, c.contract_id, c.attempt, c.as_of, c.known_at, c.claimed_at, c.claimed_by,
               o.outcome, o.finished_at, o.duration_ms, o.tries, o.run_id, o.line_count, o.error
        FROM schedule_claims c LEFT JOIN schedule_outcomes o USING (claim_id)
        WHERE @schedule::text IS NULL OR c.schedule = @schedule
        ORDER BY c.fire_time DESC, c.schedule, c.contract_id, c.attempt DESC
        LIMIT @limit
        """;

    /// <summary>
    /// Claims <paramref name="contract"/> of the fire of <paramref name="schedule"/> at <paramref name="fireTime"/>;
    /// null when another scheduler (or an earlier run of this one) has already claimed it.
    /// </summary>
    public async Task<ScheduleClaim?> TryClaimAsync(
        string schedule, Instant fireTime, ContractId contract, LocalDate asOf, LocalDate knownAt, Instant claimedAt, string claimedBy,
        CancellationToken cancellationToken = default)
    {
        var command = dataSource.CreateCommand(ClaimSql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("schedule", schedule);
            command.Parameters.AddWithValue("fire", fireTime);
            command.Parameters.AddWithValue("contract", contract.Value);
            command.Parameters.AddWithValue("asOf", asOf);
            command.Parameters.AddWithValue("knownAt", knownAt);
            command.Parameters.AddWithValue("claimedAt", claimedAt);
            command.Parameters.AddWithValue("claimedBy", claimedBy);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new ScheduleClaim(reader.GetInt64(0), schedule, fireTime, contract, reader.GetInt32(1))
                    : null;
            }
        }
    }

    /// <summary>Records how the claimed run ended. Each claim has exactly one outcome.</summary>
    public async Task RecordAsync(ScheduleClaim claim, ScheduleResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        var command = dataSource.CreateCommand(OutcomeSql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("claim", claim.ClaimId);
            command.Parameters.AddWithValue("outcome", ScheduleOutcomeText.Of(result.Outcome));
            command.Parameters.AddWithValue("finishedAt", result.FinishedAt);
            command.Parameters.AddWithValue("durationMs", (long)result.Duration.TotalMilliseconds);
            command.Parameters.AddWithValue("tries", result.Tries);
            command.Parameters.Add(new NpgsqlParameter<long?>("runId", result.RunId?.Value));
            command.Parameters.AddWithValue("lineCount", result.LineCount);
            command.Parameters.Add(new NpgsqlParameter<string?>("error", result.Error));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets the latest fire time any scheduler claimed for <paramref name="schedule"/>, if any.</summary>
    public async Task<Instant?> LastFireAsync(string schedule, CancellationToken cancellationToken = default)
    {
        var command = dataSource.CreateCommand("SELECT max(fire_time) FROM schedule_claims WHERE schedule = @schedule");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("schedule", schedule);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return reader.IsDBNull(0) ? null : reader.GetFieldValue<Instant>(0);
            }
        }
    }

    /// <summary>Gets the latest <paramref name="limit"/> claims, newest fire first, of one schedule or all.</summary>
    public async Task<ImmutableArray<ScheduleHistoryEntry>> ListAsync(string? schedule, int limit, CancellationToken cancellationToken = default)
    {
        var command = dataSource.CreateCommand(ListSql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string?>("schedule", schedule));
            command.Parameters.AddWithValue("limit", limit);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var entries = ImmutableArray.CreateBuilder<ScheduleHistoryEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(new ScheduleHistoryEntry(
                        reader.GetString(0),
                        reader.GetFieldValue<Instant>(1),
                        new ContractId(reader.GetString(2)),
                        reader.GetInt32(3),
                        reader.GetFieldValue<LocalDate>(4),
                        reader.GetFieldValue<LocalDate>(5),
                        reader.GetFieldValue<Instant>(6),
                        reader.GetString(7),
                        reader.IsDBNull(8) ? null : ReadResult(reader)));
                }

                return entries.ToImmutable();
            }
        }
    }

    private static ScheduleResult ReadResult(NpgsqlDataReader reader) => new(
        Parse(reader.GetString(8)),
        reader.GetFieldValue<Instant>(9),
        Duration.FromMilliseconds(reader.GetInt64(10)),
        reader.GetInt32(11),
        reader.IsDBNull(12) ? null : new RunId(reader.GetInt64(12)),
        reader.GetInt32(13),
        reader.IsDBNull(14) ? null : reader.GetString(14));

    private static ScheduleOutcome Parse(string text) => text switch
    {
        "posted" => ScheduleOutcome.Posted,
        "nothing-new" => ScheduleOutcome.NothingNew,
        "failed" => ScheduleOutcome.Failed,
        "cancelled" => ScheduleOutcome.Cancelled,
        _ => throw new InvalidDataException($"schedule_outcomes holds an unknown outcome '{text}'"),
    };
}
