using NodaTime;
using Polly;

namespace Pbr.Cli.Configuration;

/// <summary>The <c>Retry</c> section: how a failed scheduled run of one contract is retried before it is reported failed.</summary>
/// <param name="Attempts"><c>Retry:Attempts</c>: retries after the first try (0 for none).</param>
/// <param name="Delay"><c>Retry:DelaySeconds</c>: the wait before the first retry.</param>
/// <param name="Backoff"><c>Retry:Backoff</c>: <c>Constant</c>, <c>Linear</c> or <c>Exponential</c>.</param>
internal sealed record RetrySettings(int Attempts, Duration Delay, DelayBackoffType Backoff);
