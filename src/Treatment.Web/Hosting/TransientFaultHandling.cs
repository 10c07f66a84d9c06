using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Treatment.Core.Faults;
using Treatment.Core.Persistence;
using Treatment.Web.Api;

namespace Treatment.Web.Hosting;

/// <summary>How requests ride out a database blink (section "Treatment:Faults").</summary>
public sealed class FaultOptions
{
    public const string Section = "Treatment:Faults";

    /// <summary>Further attempts of a safe request after a transient database fault.</summary>
    public int RequestRetries { get; set; } = 4;

    /// <summary>Delay before the first retry; each next one doubles, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Retry-After of a 503 answered when the database stays away.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}

/// <summary>Marks an endpoint whose write is idempotent by the request's Idempotency-Key, so a retry cannot duplicate it.</summary>
public sealed class IdempotentByKeyAttribute : Attribute;

public static class TransientFaultHandling
{
    public static IServiceCollection AddTransientFaultHandling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.Section))
            .Validate(o => o.RequestRetries >= 0 && o.RetryAfterSeconds > 0, "Treatment:Faults: RequestRetries ≥ 0 and RetryAfterSeconds > 0")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Goes right after the exception handler, so every later middleware (sign-in checks included) is covered.</summary>
    public static IApplicationBuilder UseTransientFaultHandling(this IApplicationBuilder app) =>
        app.UseMiddleware<TransientFaultMiddleware>();
}

/// <summary>
/// A transient database fault (connection refused or reset, administrator shutdown, serialization failure) is retried
/// for safe requests (GET, HEAD, and writes idempotent by key) with back-off; when it persists, or the request is not
/// safe to repeat, the answer is 503 with Retry-After: problem+json on the API, a "try again" page elsewhere. Any other
/// exception passes through untouched to the exception handler (a logged 500).
/// </summary>
internal sealed class TransientFaultMiddleware
{
    private static readonly ResiliencePropertyKey<HttpContext> RequestKey = new("treatment.request");

    private readonly RequestDelegate _next;
    private readonly FaultOptions _settings;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<TransientFaultMiddleware> _logger;
    private readonly ResiliencePipeline _retry;

    public TransientFaultMiddleware(RequestDelegate next, IOptions<FaultOptions> options, NpgsqlDataSource dataSource, ILogger<TransientFaultMiddleware> logger)
    {
        _next = next;
        _settings = options.Value;
        _dataSource = dataSource;
        _logger = logger;
        // Built once; the request travels in the resilience context. Retry delays are real elapsed time, not the product's clock.
        _retry = TransientDatabaseFaults.CreateRetryPipeline(
            Math.Max(1, _settings.RequestRetries),
            _settings.FirstRetryDelay,
            TimeProvider.System,
            (context, ex, attempt) => PrepareRetry(context.Properties.GetValue(RequestKey, null!), ex, attempt),
            context => context.Properties.GetValue(RequestKey, null!) is { Response.HasStarted: false, RequestAborted.IsCancellationRequested: false });
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var retryable = _settings.RequestRetries > 0 && IsSafeToRepeat(context);
        try
        {
            if (!retryable)
            {
                await _next(context);
                return;
            }

            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.EnableBuffering();
            }

            var resilience = ResilienceContextPool.Shared.Get(context.RequestAborted);
            try
            {
                resilience.Properties.Set(RequestKey, context);
                await _retry.ExecuteAsync(static async (_, state) => await state.Next(state.Context), resilience, (Next: _next, Context: context));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(resilience);
            }
        }
        catch (Exception ex) when (TransientDatabaseFaults.IsTransient(ex) && !context.Response.HasStarted)
        {
            ForgetDeadConnections(ex);
            _logger.LogWarning(ex, "Database unavailable for {Method} {Path}: answered 503", context.Request.Method, context.Request.Path);
            await WriteUnavailableAsync(context, _settings.RetryAfterSeconds);
        }
    }

    private static bool IsSafeToRepeat(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return true;
        }

        return request.Headers.ContainsKey("Idempotency-Key")
            && context.GetEndpoint()?.Metadata.GetMetadata<IdempotentByKeyAttribute>() is not null;
    }

    private ValueTask PrepareRetry(HttpContext context, Exception ex, int attempt)
    {
        ForgetDeadConnections(ex);
        _logger.LogInformation("Transient database fault on {Method} {Path} ({Error}); attempt {Attempt} follows", context.Request.Method, context.Request.Path, ex.GetBaseException().Message, attempt + 2);
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }

        context.Response.Clear();
        // The request's context may hold entities of the failed attempt; the next one starts clean.
        context.RequestServices.GetService<TreatmentDbContext>()?.ChangeTracker.Clear();
        return ValueTask.CompletedTask;
    }

    private void ForgetDeadConnections(Exception ex)
    {
        if (TransientDatabaseFaults.IsConnectionLost(ex))
        {
            _dataSource.Clear();
        }
    }

    private static async Task WriteUnavailableAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            var problem = new Dictionary<string, object?>
            {
                ["type"] = ApiProblems.TypeBase + "database-unavailable",
                ["title"] = "일시적으로 처리할 수 없음 (Temporarily unavailable)",
                ["status"] = 503,
                ["detail"] = $"데이터베이스에 잠시 연결할 수 없습니다. {retryAfterSeconds}초 뒤에 다시 시도하십시오. (The database is briefly unreachable; try again in {retryAfterSeconds} s.)",
                ["titleKo"] = "일시적으로 처리할 수 없음",
                ["titleEn"] = "Temporarily unavailable",
                ["retryAfterSeconds"] = retryAfterSeconds,
            };
            await context.Response.WriteAsync(JsonSerializer.Serialize(problem, ApiJson.Options));
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(TryAgainPage.Html(retryAfterSeconds));
    }
}
