namespace Pbr.Ledger.Postgres.Sql;

/// <summary>
/// Command timeouts. Reads and writes of a whole contract may take minutes at national scale;
/// cancellation, not Npgsql's 30-second default, is what stops them.
/// </summary>
internal static class Timeouts
{
    public const int BulkSeconds = 3600;
}
