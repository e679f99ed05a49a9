namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>How a settlement ended.</summary>
public enum SettleStatus
{
    /// <summary>Committed (or, for a dry run, computed and rolled back).</summary>
    Settled,

    /// <summary>A previous attempt of this very settlement committed; nothing was posted again.</summary>
    AlreadyCommitted,

    /// <summary>Another run held a contract's lock and waiting was not allowed.</summary>
    Busy,

    /// <summary>The scheme reported problems; nothing was posted.</summary>
    Problems,

    /// <summary>A contract named in the request is not in force.</summary>
    UnknownContract,
}
