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
/// with different content is a conflict, and then nothing from the file is loaded. A file for
/// contracts that hold no rows of its kind yet (a contract's first load, the largest) has nothing to
/// be compared with: it is copied straight into the table, and only if the table's own checks refuse
/// it is it staged after all, to name the lines at fault.
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

    /// <summary>How one kind of input is checked and written.</summary>
    /// <param name="Kind">The imports row's kind.</param>
    /// <param name="CheckFile">The file's own keys, checked in memory.</param>
    /// <param name="ContractOf">The contract a row belongs to.</param>
    /// <param name="HoldsAnySql">Whether any of <c>@contracts</c> holds a row of this kind.</param>
    /// <param name="Columns">How many columns <paramref name="WriteRow"/> writes: the staging table has the line before them, the table the import id after.</param>
    /// <param name="WriteRow">Writes a row's columns, from contract_id to content_sha256.</param>
    /// <param name="CopyDirectSql">The COPY into the table: the columns, then import_id.</param>
    /// <param name="CreateStageSql">Creates the staging table (named <paramref name="StageTable"/>).</param>
    /// <param name="StageTable">The staging table.</param>
    /// <param name="CopyStageSql">The COPY into the staging table: line, then the columns.</param>
    /// <param name="Check">The conflicts between the staged rows and the ledger.</param>
    /// <param name="CountNewSql">The staged rows, and how many of them are new.</param>
    /// <param name="InsertSql">Inserts the new staged rows under <c>@importId</c>.</param>
    private sealed record LoadPlan<T>(
        string Kind,
        Func<IReadOnlyList<ImportRow<T>>, FileKeyCheck> CheckFile,
        Func<T, ContractId> ContractOf,
        string HoldsAnySql,
        short Columns,
        Action<BinaryCopyWriter, T> WriteRow,
        string CopyDirectSql,
        string CreateStageSql,
        string StageTable,
        string CopyStageSql,
        ConflictCheck Check,
        string CountNewSql,
        string InsertSql);

    private async Task<ImportOutcome> LoadAsync<T>(LoadPlan<T> plan, ImportFile file, IReadOnlyList<ImportRow<T>> rows, CancellationToken cancellationToken)
    {
        LocalDateHandler.EnsureRegistered();

        // The file's own keys are checked in memory before any lock is taken.
        var inFile = plan.CheckFile(rows);
        var contracts = rows.Select(r => plan.ContractOf(r.Row)).Distinct().Order().ToList();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ContractLock.TakeAsync(connection, transaction, contracts, wait: true, cancellationToken).ConfigureAwait(false);
                if (inFile.Conflicts.Count == 0
                    && inFile.FirstOfKey.Length > 0
                    && await LoadFirstAsync(connection, transaction, plan, file, rows, inFile.FirstOfKey, contracts, cancellationToken).ConfigureAwait(false) is { } first)
                {
                    return first;
                }

                // A file in conflict with itself is staged whole, so that the ledger's checks name every line;
                // otherwise each key once, in key order.
                var staged = inFile.Conflicts.Count > 0 ? rows : inFile.FirstOfKey.Select(i => rows[i]);
                await StageAsync(connection, transaction, plan, staged, cancellationToken).ConfigureAwait(false);
                var conflicts = await plan.Check(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (inFile.Conflicts.Count + conflicts.Count > 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new ImportOutcome(null, 0, 0, [.. inFile.Conflicts.Concat(conflicts).OrderBy(c => c.Line)]);
                }

                var (distinct, fresh) = await connection.QuerySingleAsync<(int, int)>(
                    new CommandDefinition(plan.CountNewSql, transaction: transaction, commandTimeout: BulkTimeoutSeconds, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (fresh == 0)
                {
                    // Nothing new: leave no trace, not even an imports row, so a re-import truly changes nothing.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new ImportOutcome(null, 0, distinct, []);
                }

                var importId = await InsertImportAsync(connection, transaction, plan.Kind, file, rows.Count, fresh, distinct - fresh, cancellationToken).ConfigureAwait(false);
                var inserted = await connection.ExecuteAsync(new CommandDefinition(
                    plan.InsertSql, new { importId }, transaction, BulkTimeoutSeconds, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new ImportOutcome(importId, inserted, distinct - inserted, []);
            }
        }
    }

    /// <summary>
    /// A first load: when the contracts hold no rows of this kind, nothing can be held already or
    /// conflict with what is held, so each key is copied once, in key order, straight into the table.
    /// Returns null (and leaves the transaction as it was) when the contracts hold rows, or when the
    /// table's own checks refuse a row: then the rows are staged, and the checks name the lines.
    /// </summary>
    private static async Task<ImportOutcome?> LoadFirstAsync<T>(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        LoadPlan<T> plan,
        ImportFile file,
        IReadOnlyList<ImportRow<T>> rows,
        int[] firstOfKey,
        List<ContractId> contracts,
        CancellationToken cancellationToken)
    {
        var holdsAny = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            plan.HoldsAnySql, new { contracts = contracts.Select(c => c.Value).ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (holdsAny)
        {
            return null;
        }

        await transaction.SaveAsync("first_load", cancellationToken).ConfigureAwait(false);
        long importId;
        try
        {
            importId = await InsertImportAsync(connection, transaction, plan.Kind, file, rows.Count, firstOfKey.Length, 0, cancellationToken).ConfigureAwait(false);
            await CopyAsync(connection, plan.CopyDirectSql, firstOfKey.Select(i => rows[i]), plan.Columns, (copy, row) =>
            {
                plan.WriteRow(copy, row.Row);
                copy.BigInt(importId);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation)
        {
            await transaction.RollbackAsync("first_load", cancellationToken).ConfigureAwait(false);
            return null;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ImportOutcome(importId, firstOfKey.Length, 0, []);
    }

    private static Task<long> InsertImportAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, ImportFile file, int rowCount, int inserted, int existing, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            InsertImportSql,
            new { kind, fileName = file.Name, fileSha256 = file.Sha256, rowCount, inserted, existing, rejected = file.Rejected },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task StageAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LoadPlan<T> plan, IEnumerable<ImportRow<T>> rows, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(plan.CreateStageSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await CopyAsync(connection, plan.CopyStageSql, rows, plan.Columns, (copy, row) =>
        {
            copy.Integer(row.Line);
            plan.WriteRow(copy, row.Row);
        }, cancellationToken).ConfigureAwait(false);

        // Temporary tables are never auto-analysed; without statistics the planner guesses badly on large files.
        await connection.ExecuteAsync(new CommandDefinition($"ANALYZE {plan.StageTable}", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Copies <paramref name="rows"/> with one binary COPY: each row one more field than <paramref name="columns"/>, written by <paramref name="write"/>.</summary>
    private static Task CopyAsync<T>(
        NpgsqlConnection connection, string copySql, IEnumerable<ImportRow<T>> rows, short columns, Action<BinaryCopyWriter, ImportRow<T>> write, CancellationToken cancellationToken) =>
        BinaryCopyWriter.CopyAsync(
            connection,
            copySql,
            copy =>
            {
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    copy.StartRow(checked((short)(columns + 1)));
                    write(copy, row);
                }
            },
            cancellationToken);
}
