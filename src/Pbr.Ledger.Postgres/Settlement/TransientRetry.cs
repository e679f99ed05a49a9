using Npgsql;
using Polly;
using Polly.Retry;

namespace Pbr.Ledger.Postgres.Settlement;

/// <summary>
/// The retry policy for transient database faults (a dropped connection, a serialisation failure,
/// a deadlock): a few attempts with exponential backoff and jitter, so that many clients do not
/// retry in step. Every retried operation must be idempotent; settlement is, by its run key.
/// </summary>
public static class TransientRetry
{
    /// <summary>Builds the pipeline: <paramref name="attempts"/> retries, starting at <paramref name="firstDelay"/>.</summary>
    public static ResiliencePipeline Create(int attempts = 4, TimeSpan? firstDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
                MaxRetryAttempts = attempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(200),
            })
            .Build();
}
