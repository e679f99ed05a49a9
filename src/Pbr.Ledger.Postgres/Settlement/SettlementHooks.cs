namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// Named points inside a settlement attempt where a test can inject a fault (a thrown exception, a
/// killed connection) to prove that a run is all or nothing. Production code passes none.
/// </summary>
/// <param name="At">Called with the point's name: <c>locked</c>, <c>read-participants</c>, <c>read-evidence</c>, <c>written</c>, <c>committed</c>.</param>
public sealed record SettlementHooks(Func<string, Npgsql.NpgsqlConnection, CancellationToken, Task> At)
{
    public static SettlementHooks None { get; } = new((_, _, _) => Task.CompletedTask);
}
