using Dapper;
using Npgsql;
using Pbr.Core;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>
/// Loads validated participants and evidence versions: binary COPY into a temporary staging table,
/// conflict checks against what is held, then one set-based INSERT, all in one transaction under
/// the contracts' locks, so a settlement run sees the whole file or none of it.
/// </summary>
/// <remarks>
/// A row identical to one already held is skipped (re-importing a file is a no-op); the same key
/// with different content is a conflict, and then nothing from the file is loaded.
/// </remarks>
public sealed partial class InputStore(NpgsqlDataSource dataSource)
{
    private const string InsertImportSql = """
        INSERT INTO imports (kind, file_name, file_sha256, row_count, inserted_count, existing_count, rejected_count)
        VALUES (@kind, @fileName, @fileSha256, @rowCount, @inserted, @existing, @rejected)
        RETURNING import_id
        """;

    // Set-based statements over a whole file may take minutes at national scale; cancellation, not a
    // 30-second default, is what stops them.
    private const int BulkTimeoutSeconds = Sql.Timeouts.BulkSeconds;

    private delegate Task<IReadOnlyList<ImportConflict>> ConflictCheck(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    private async Task<ImportOutcome> LoadAsync<T>(
        string kind,
        ImportFile file,
        IReadOnlyList<ImportRow<T>> rows,
        Func<IReadOnlyList<ImportRow<T>>, FileKeyCheck> checkFile,
        Func<T, ContractId> contractOf,
        Func<NpgsqlConnection, NpgsqlTransaction, IEnumerable<ImportRow<T>>, CancellationToken, Task> stage,
        ConflictCheck check,
        string countNewSql,
        string insertSql,
        CancellationToken cancellationToken)
    {
        LocalDateHandler.EnsureRegistered();

        // The file's own keys are checked in memory before any lock is taken. A file in conflict with itself
        // is staged whole, so that the ledger's checks name every line; otherwise each key once, in key order.
        var inFile = checkFile(rows);
        var staged = inFile.Conflicts.Count > 0 ? rows : inFile.FirstOfKey.Select(i => rows[i]);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ContractLock.TakeAsync(connection, transaction, rows.Select(r => contractOf(r.Row)), wait: true, cancellationToken).ConfigureAwait(false);
                await stage(connection, transaction, staged, cancellationToken).ConfigureAwait(false);
                var conflicts = await check(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (inFile.Conflicts.Count + conflicts.Count > 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new ImportOutcome(null, 0, 0, [.. inFile.Conflicts.Concat(conflicts).OrderBy(c => c.Line)]);
                }

                var (distinct, fresh) = await connection.QuerySingleAsync<(int, int)>(
                    new CommandDefinition(countNewSql, transaction: transaction, commandTimeout: BulkTimeoutSeconds, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (fresh == 0)
                {
                    // Nothing new: leave no trace, not even an imports row, so a re-import truly changes nothing.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new ImportOutcome(null, 0, distinct, []);
                }

                var importId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    InsertImportSql,
                    new { kind, fileName = file.Name, fileSha256 = file.Sha256, rowCount = rows.Count, inserted = fresh, existing = distinct - fresh, rejected = file.Rejected },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var inserted = await connection.ExecuteAsync(new CommandDefinition(
                    insertSql, new { importId }, transaction, BulkTimeoutSeconds, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new ImportOutcome(importId, inserted, distinct - inserted, []);
            }
        }
    }
}
