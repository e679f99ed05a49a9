using System.Collections.Immutable;
using Dapper;
using Npgsql;
using Pbr.Ledger.Postgres.Connections;

namespace Pbr.Ledger.Postgres.Migrations;

/// <summary>
/// Applies numbered SQL migrations in order, each in its own transaction, and records each one with
/// its checksum in <c>pbr_schema_migrations</c>.
/// </summary>
/// <remarks>
/// Re-running applies nothing. An applied migration whose text has changed since is an error that
/// names the file: history is never rewritten, a change needs a new migration. Every transaction
/// first takes an advisory lock, so two processes migrating at once apply each migration once.
/// </remarks>
public sealed class MigrationRunner
{
    /// <summary>The table recording applied migrations.</summary>
    public const string HistoryTable = "pbr_schema_migrations";

    /// <summary>The advisory lock key all migrating sessions take ("pbr_migr" as a big-endian integer).</summary>
    public const long LockKey = 0x7062725F6D696772;

    private const string CreateHistory = $"""
        CREATE TABLE IF NOT EXISTS {HistoryTable} (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            sha256     text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates a runner that migrates the database <paramref name="dataSource"/> connects to.</summary>
    public MigrationRunner(NpgsqlDataSource dataSource) =>
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>Applies the migrations built into the assembly.</summary>
    public async Task<OperationResult<MigrationReport>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationSet.Embedded();
        return migrations.Success
            ? await MigrateAsync(migrations.Value, cancellationToken).ConfigureAwait(false)
            : OperationResult<MigrationReport>.Fail(migrations.Error!);
    }

    /// <summary>Applies <paramref name="migrations"/> that the database does not have yet, in numeric order.</summary>
    public async Task<OperationResult<MigrationReport>> MigrateAsync(ImmutableArray<Migration> migrations, CancellationToken cancellationToken = default)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToImmutableArray();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);

        IReadOnlyList<AppliedRow> history;
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(CreateHistory, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            history = await ReadHistoryAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Check(history, ordered) is { } mismatch)
        {
            return OperationResult<MigrationReport>.Fail(mismatch);
        }

        var appliedVersions = history.Select(h => h.Version).ToHashSet();
        var applied = ImmutableArray.CreateBuilder<Migration>();
        var already = ordered.Where(m => appliedVersions.Contains(m.Version)).ToImmutableArray();
        foreach (var migration in ordered.Where(m => !appliedVersions.Contains(m.Version)))
        {
            var result = await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
            if (!result.Success)
            {
                return OperationResult<MigrationReport>.Fail(result.Error!);
            }

            if (result.Value)
            {
                applied.Add(migration);
            }
            else
            {
                already = already.Add(migration);
            }
        }

        return OperationResult<MigrationReport>.Ok(new MigrationReport(applied.ToImmutable(), already));
    }

    /// <returns>True when applied now; false when another process applied it first.</returns>
    private static async Task<OperationResult<bool>> ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        // Another process may have applied it while we waited for the lock.
        var history = await ReadHistoryAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (history.FirstOrDefault(h => h.Version == migration.Version) is { } row)
        {
            return row.Sha256 == migration.Sha256
                ? OperationResult<bool>.Ok(false)
                : OperationResult<bool>.Fail(Changed(migration, row));
        }

        try
        {
            var command = new NpgsqlCommand(migration.Text, connection, transaction);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {HistoryTable} (version, name, sha256) VALUES (@Version, @Name, @Sha256)",
                new { migration.Version, migration.Name, migration.Sha256 },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return OperationResult<bool>.Ok(true);
        }
        catch (PostgresException e)
        {
            var where = e.Position > 0 ? $" at character {e.Position}" : string.Empty;
            return OperationResult<bool>.Fail($"migration {migration.Name} failed{where}: {e.SqlState}: {e.MessageText}; nothing from it was applied.");
        }
    }

    private static string? Check(IReadOnlyList<AppliedRow> history, ImmutableArray<Migration> migrations)
    {
        var byVersion = migrations.ToDictionary(m => m.Version);
        foreach (var row in history)
        {
            if (!byVersion.TryGetValue(row.Version, out var migration))
            {
                return $"the database has migration {row.Name}, which this build of pbr does not know: use the build that applied it, or a newer one.";
            }

            if (row.Sha256 != migration.Sha256)
            {
                return Changed(migration, row);
            }
        }

        return null;
    }

    private static string Changed(Migration migration, AppliedRow row) =>
        $"migration {migration.Name} has changed since it was applied (applied sha256 {row.Sha256}, file now {migration.Sha256}). "
        + "An applied migration must never be edited: restore the file and put the change in a new migration.";

    private static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction, cancellationToken: cancellationToken));

    private static async Task<IReadOnlyList<AppliedRow>> ReadHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<AppliedRow>(new CommandDefinition(
            $"SELECT version AS Version, name AS Name, sha256 AS Sha256 FROM {HistoryTable} ORDER BY version",
            transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }

    private sealed record AppliedRow(int Version, string Name, string Sha256);
}
