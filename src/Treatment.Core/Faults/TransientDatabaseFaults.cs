using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Treatment.Core.Faults;

/// <summary>
/// Which database failures pass by themselves (the server restarting, a dropped connection, a serialization
/// conflict) and the retry strategy for operations that are safe to run again. Everything else is a bug or a refusal
/// and is never retried.
/// </summary>
public static class TransientDatabaseFaults
{
    /// <summary>SQLSTATEs that mean "the same statement may succeed in a moment".</summary>
    private static readonly HashSet<string> TransientStates = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.SerializationFailure,      // 40001
        PostgresErrorCodes.DeadlockDetected,          // 40P01
        PostgresErrorCodes.AdminShutdown,             // 57P01
        PostgresErrorCodes.CrashShutdown,             // 57P02
        PostgresErrorCodes.CannotConnectNow,          // 57P03: the server is starting up or shutting down
        PostgresErrorCodes.TooManyConnections,        // 53300
        PostgresErrorCodes.ConnectionException,       // 08000
        PostgresErrorCodes.ConnectionDoesNotExist,    // 08003
        PostgresErrorCodes.ConnectionFailure,         // 08006
        PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection, // 08001
        PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection, // 08004
    };

    /// <summary>True when the exception, or one it wraps (EF's DbUpdateException, an aggregate), is a transient database fault.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return TransientStates.Contains(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the connection itself was lost (server shut down or unreachable) rather than a statement refused:
    /// the pool's idle connections are then dead too and are better dropped at once.
    /// </summary>
    public static bool IsConnectionLost(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The execution strategy for safe operations: up to <paramref name="retries"/> more attempts on a transient fault,
    /// exponential back-off from <paramref name="firstDelay"/> with jitter (so many clients do not return at once).
    /// <paramref name="onRetry"/> runs before each new attempt (to reset what the failed one left behind);
    /// <paramref name="mayRetry"/> can veto a retry (a response already started).
    /// </summary>
    public static ResiliencePipeline CreateRetryPipeline(
        int retries, TimeSpan firstDelay, TimeProvider time, Func<ResilienceContext, Exception, int, ValueTask>? onRetry = null, Func<ResilienceContext, bool>? mayRetry = null) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, retries),
                Delay = firstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && IsTransient(ex) && (mayRetry?.Invoke(args.Context) ?? true)),
                OnRetry = args => onRetry is null ? ValueTask.CompletedTask : onRetry(args.Context, args.Outcome.Exception!, args.AttemptNumber),
            })
            .Build();
}
