using System.Collections.Immutable;
using NodaTime;
using Pbr.Core;

namespace Pbr.Ledger.Postgres.Reports;

/// <summary>Everything a run report shows, read in one snapshot of the ledger.</summary>
public sealed record RunReportData(
    RunId Run,
    ContractId Contract,
    LocalDate AsOf,
    LocalDate KnownAt,
    int ParticipantCount,
    int EvidenceCount,
    int LineCount,
    Money Payments,
    Money Clawbacks,
    string RunHash,
    string GroupAttribute,
    ImmutableArray<ReportBreakdown> ByOutcome,
    ImmutableArray<ReportBreakdown> ByGroup,
    ImmutableArray<MonthNet> NetByMonth,
    ImmutableArray<ReportChange> LargestChanges)
{
    /// <summary>Gets payments plus clawbacks.</summary>
    public Money Net => Payments + Clawbacks;
}

/// <summary>Payments and clawbacks of a run for one outcome or one participant group.</summary>
public sealed record ReportBreakdown(string Name, int Lines, Money Payments, Money Clawbacks)
{
    /// <summary>Gets payments plus clawbacks.</summary>
    public Money Net => Payments + Clawbacks;
}

/// <summary>The net posted by the runs settled as of one month, for the month chart.</summary>
public sealed record MonthNet(LocalDate Month, Money Net);

/// <summary>One of the run's largest changes: a key's balance before the run and the change it posted.</summary>
public sealed record ReportChange(string Subject, string Outcome, int Instalment, Money Before, Money Change)
{
    /// <summary>Gets the key's balance after the run.</summary>
    public Money After => Before + Change;
}
