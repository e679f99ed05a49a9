namespace Pbr.Ledger.Postgres.Scheduling;

/// <summary>How a scheduled settlement of one contract ended, as <c>schedule_outcomes.outcome</c> stores it.</summary>
public enum ScheduleOutcome
{
    /// <summary>Settled and posted a run.</summary>
    Posted,

    /// <summary>Settled with nothing new to post.</summary>
    NothingNew,

    /// <summary>Failed after every retry; nothing was posted.</summary>
    Failed,

    /// <summary>Stopped by a shutdown before it committed; nothing was posted, and the fire may be claimed again.</summary>
    Cancelled,
}

/// <summary>The text form of <see cref="ScheduleOutcome"/> in the database and in reports.</summary>
public static class ScheduleOutcomeText
{
    /// <summary>Gets the stored text of <paramref name="outcome"/>.</summary>
    public static string Of(ScheduleOutcome outcome) => outcome switch
    {
        ScheduleOutcome.Posted => "posted",
        ScheduleOutcome.NothingNew => "nothing-new",
        ScheduleOutcome.Failed => "failed",
        ScheduleOutcome.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a schedule outcome"),
    };
}
