using System.Collections.Immutable;
using Dapper;
using Npgsql;
using Pbr.Dsl;
using Pbr.Dsl.Text;
using Pbr.Ledger.Postgres.Sql;

namespace Pbr.Ledger.Postgres.Tariffs;

/// <summary>
/// Stores tariff sources by the SHA-256 of their text and records which source is in force for each
/// scheme and contract. A stored source is never changed; publishing the same text again is a no-op.
/// </summary>
public sealed class TariffStore(NpgsqlDataSource dataSource)
{
    // One publisher at a time, so that "is this already the current version?" cannot race.
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended('pbr:tariffs', 0))";

    private const string InsertSourceSql = """
        INSERT INTO tariff_sources (sha256, path, source_text)
        VALUES (@sha256, @path, @text)
        ON CONFLICT (sha256) DO NOTHING
        """;

    private const string CurrentShaSql = """
        SELECT sha256 FROM tariff_versions
        WHERE subject_kind = @kind AND subject_id = @id
        ORDER BY version_id DESC
        LIMIT 1
        """;

    private const string InsertVersionSql = """
        INSERT INTO tariff_versions (subject_kind, subject_id, sha256) VALUES (@kind, @id, @sha256)
        """;

    private const string InsertContractSql = """
        INSERT INTO contracts (contract_id, sha256, scheme_id, provider_id, starts_on, ends_on, discount)
        VALUES (@contract, @sha256, @scheme, @provider, @startsOn, @endsOn, @discount)
        ON CONFLICT (contract_id, sha256) DO NOTHING
        """;

    private const string CurrentSourcesSql = """
        SELECT s.path, s.source_text
        FROM tariff_sources s
        WHERE s.sha256 IN (
            SELECT DISTINCT ON (subject_kind, subject_id) sha256
            FROM tariff_versions
            ORDER BY subject_kind, subject_id, version_id DESC)
        ORDER BY s.path, s.sha256
        """;

    /// <summary>Stores the sources of a compilation without errors and makes them the versions in force.</summary>
    /// <exception cref="ArgumentException">The compilation has errors.</exception>
    public async Task<PublishResult> PublishAsync(TariffCompilation compilation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.HasErrors)
        {
            throw new ArgumentException("Only a compilation without errors can be published.", nameof(compilation));
        }

        LocalDateHandler.EnsureRegistered();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(LockSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var stored = ImmutableArray.CreateBuilder<string>();
                foreach (var source in compilation.Sources.OrderBy(s => s.Sha256, StringComparer.Ordinal))
                {
                    var added = await connection.ExecuteAsync(new CommandDefinition(
                        InsertSourceSql, new { sha256 = source.Sha256, path = Path.GetFileName(source.Path), text = source.Text }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (added > 0)
                    {
                        stored.Add(source.Sha256);
                    }
                }

                var subjects = compilation.Schemes.Select(s => ("scheme", s.Id.Value, compilation.SourceSha256(s.Id)))
                    .Concat(compilation.Contracts.Select(c => ("contract", c.Id.Value, compilation.SourceSha256(c.Id))))
                    .OrderBy(s => s.Item1, StringComparer.Ordinal)
                    .ThenBy(s => s.Item2, StringComparer.Ordinal);
                var changed = ImmutableArray.CreateBuilder<string>();
                foreach (var (kind, id, sha) in subjects)
                {
                    var current = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                        CurrentShaSql, new { kind, id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    if (current != sha)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            InsertVersionSql, new { kind, id, sha256 = sha }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                        changed.Add($"{kind} {id}");
                    }
                }

                foreach (var contract in compilation.Contracts)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        InsertContractSql,
                        new
                        {
                            contract = contract.Id.Value,
                            sha256 = compilation.SourceSha256(contract.Id),
                            scheme = contract.Scheme.Value,
                            provider = contract.Provider.Value,
                            startsOn = contract.StartsOn,
                            endsOn = contract.EndsOn,
                            discount = contract.Discount.Percent,
                        },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new PublishResult(stored.ToImmutable(), changed.ToImmutable());
            }
        }
    }

    /// <summary>Loads the text of every source in force, to compile together.</summary>
    public async Task<ImmutableArray<SourceFile>> LoadCurrentAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<(string Path, string Text)>(
                new CommandDefinition(CurrentSourcesSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new SourceFile(r.Path, r.Text))];
        }
    }
}
