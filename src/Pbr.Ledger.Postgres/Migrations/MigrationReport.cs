using System.Collections.Immutable;

namespace Pbr.Ledger.Postgres.Migrations;

/// <summary>What a migration run did.</summary>
/// <param name="Applied">The migrations applied by this run, in order.</param>
/// <param name="AlreadyApplied">The migrations that were already in the database and unchanged.</param>
public sealed record MigrationReport(ImmutableArray<Migration> Applied, ImmutableArray<Migration> AlreadyApplied);
