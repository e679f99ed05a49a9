using Dapper;
using Npgsql;
using Pbr.Core;
using Pbr.Core.Model;
using Pbr.Engine.Import;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Inputs;

/// <summary>
/// A contract's first load, copied to the ledger while the file is read: the server writes rows and
/// their indexes on one core while the file is parsed on the other, instead of one after the other.
/// </summary>
/// <remarks>
/// The table's statement checks want the imports row, with its counts, before the copy ends, and the
/// counts are known only when the read ends; so they are predicted from the file's record count, and
/// the read must prove them: a clean file, every record a row, no key twice, nothing in conflict with
/// the rest of the file. If it does not, or the table refuses a row, everything is rolled back and the
/// file, already read, is loaded the usual way, which names the lines at fault. Attempted only when no
/// contract of the catalog holds rows of that kind and none is locked by another run or import, so it
/// never waits for a contract the file may not be about.
/// </remarks>
public sealed partial class InputStore
{
    /// <summary>Tries to load participants as they are read; see <see cref="ReadAndLoad{T}"/>.</summary>
    /// <param name="file">The file; its rejected count must be 0.</param>
    /// <param name="contracts">The contracts the file may name (the catalog's).</param>
    /// <param name="rows">The rows the file should hold (its records less the header).</param>
    /// <param name="read">Reads the file, calling its argument with each accepted row.</param>
    public Task<ReadAndLoad<Participant>> LoadParticipantsWhileReadingAsync(
        ImportFile file, IReadOnlyCollection<ContractId> contracts, int rows, Func<Action<ImportedRow<Participant>>, ImportResult<Participant>> read, CancellationToken cancellationToken = default) =>
        LoadWhileReadingAsync(s_participants, file, contracts, rows, read, cancellationToken);

    /// <summary>Tries to load evidence as it is read; see <see cref="LoadParticipantsWhileReadingAsync"/>.</summary>
    public Task<ReadAndLoad<EvidenceVersion>> LoadEvidenceWhileReadingAsync(
        ImportFile file, IReadOnlyCollection<ContractId> contracts, int rows, Func<Action<ImportedRow<EvidenceVersion>>, ImportResult<EvidenceVersion>> read, CancellationToken cancellationToken = default) =>
        LoadWhileReadingAsync(s_evidence, file, contracts, rows, read, cancellationToken);

    private async Task<ReadAndLoad<T>> LoadWhileReadingAsync<T>(
        LoadPlan<T> plan,
        ImportFile file,
        IReadOnlyCollection<ContractId> contracts,
        int rows,
        Func<Action<ImportedRow<T>>, ImportResult<T>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(read);
        var notTried = new ReadAndLoad<T>(null, null);
        if (file.Rejected != 0 || rows <= 0 || contracts.Count == 0)
        {
            return notTried;
        }

        LocalDateHandler.EnsureRegistered();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (await ContractLock.TakeAsync(connection, transaction, contracts, wait: false, cancellationToken).ConfigureAwait(false) is not null
                    || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                        plan.HoldsAnySql, new { contracts = contracts.Select(c => c.Value).ToArray() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
                {
                    return notTried;
                }

                var importId = await InsertImportAsync(connection, transaction, plan.Kind, file, rows, rows, 0, cancellationToken).ConfigureAwait(false);
                ImportResult<T>? result = null;
                var written = 0;
                try
                {
                    var counted = await BinaryCopyWriter.CopyIfAsync(
                        connection,
                        plan.CopyDirectSql,
                        copy =>
                        {
                            result = read(row =>
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                copy.StartRow(checked((short)(plan.Columns + 1)));
                                plan.WriteRow(copy, row.Value);
                                copy.BigInt(importId);
                                written++;
                            });
                            return AsCounted(plan, result, rows, written, contracts);
                        },
                        cancellationToken).ConfigureAwait(false);
                    if (!counted)
                    {
                        return new ReadAndLoad<T>(result, null);
                    }
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation)
                {
                    return new ReadAndLoad<T>(result, null);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new ReadAndLoad<T>(result, new ImportOutcome(importId, rows, 0, []));
            }
        }
    }

    /// <summary>Whether the read proved the imports row's counts: every record a good row, each key once, no row in conflict with another.</summary>
    private static bool AsCounted<T>(LoadPlan<T> plan, ImportResult<T> result, int rows, int written, IReadOnlyCollection<ContractId> contracts)
    {
        if (!result.IsClean || result.Rows.Length != rows || written != rows)
        {
            return false;
        }

        List<ImportRow<T>> read = [.. result.Rows.Select(r => new ImportRow<T>(r.Line, r.Value))];
        var inFile = plan.CheckFile(read);
        var allowed = contracts.ToHashSet();
        return inFile.Conflicts.Count == 0 && inFile.FirstOfKey.Length == rows && read.All(r => allowed.Contains(plan.ContractOf(r.Row)));
    }
}
