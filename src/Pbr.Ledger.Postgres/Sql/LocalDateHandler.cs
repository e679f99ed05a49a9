using System.Data;
using Dapper;
using NodaTime;

namespace Pbr.Ledger.Postgres.Sql;

/// <summary>
/// Lets Dapper pass and read NodaTime dates; Npgsql (with its NodaTime plugin) maps them to
/// PostgreSQL <c>date</c> itself.
/// </summary>
internal sealed class LocalDateHandler : SqlMapper.TypeHandler<LocalDate>
{
    private static int s_registered;

    /// <summary>Registers the handler once per process.</summary>
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new LocalDateHandler());
        }
    }

    public override void SetValue(IDbDataParameter parameter, LocalDate value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }

    public override LocalDate Parse(object value) => value switch
    {
        LocalDate date => date,
        DateOnly date => LocalDate.FromDateOnly(date),
        DateTime time => LocalDate.FromDateTime(time),
        _ => throw new DataException($"Cannot read a {value.GetType()} as a date."),
    };
}
