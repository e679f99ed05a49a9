namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>Thrown inside a scheduled run's retry policy when another run holds the contract's lock, so that it is retried later.</summary>
public sealed class ContractBusyException : Exception
{
    public ContractBusyException()
    {
    }

    public ContractBusyException(string message)
        : base(message)
    {
    }

    public ContractBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
