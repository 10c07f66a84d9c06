using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Treatment.Core.Faults;
using Treatment.Web.Hosting;

namespace Treatment.Web.Tests.Faults;

/// <summary>Which failures count as a database blink, and that nothing else is turned into a 503.</summary>
public sealed class TransientFaultMiddlewareTests
{
    public static TheoryData<string, bool> States => new()
    {
        { "57P01", true },  // administrator shutdown
        { "57P03", true },  // starting up
        { "40001", true },  // serialization failure
        { "40P01", true },  // deadlock
        { "08006", true },  // connection failure
        { "23505", false }, // unique violation: a refusal, not a blink
        { "42P01", false }, // undefined table: a bug
        { "22P02", false }, // bad text representation
    };

    [Theory]
    [MemberData(nameof(States))]
    public void IsTransient_PostgresState_ClassifiedAsItsClass(string sqlState, bool transient)
    {
        var direct = new PostgresException("x", "FATAL", "FATAL", sqlState);
        var wrapped = new DbUpdateException("save failed", direct);

        Assert.Equal(transient, TransientDatabaseFaults.IsTransient(direct));
        Assert.Equal(transient, TransientDatabaseFaults.IsTransient(wrapped));
    }

    [Fact]
    public void IsTransient_ConnectionRefused_TrueAndConnectionLost()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(TransientDatabaseFaults.IsTransient(refused));
        Assert.True(TransientDatabaseFaults.IsConnectionLost(refused));
        Assert.False(TransientDatabaseFaults.IsTransient(new InvalidOperationException("bug")));
    }

    [Fact]
    public async Task Invoke_NonTransientError_PassesThroughToTheExceptionHandler()
    {
        var middleware = Middleware(_ => throw new InvalidOperationException("a bug"));
        var context = Context("GET", "/api/v1/petitions");

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(context));
        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_UniqueViolationOnPost_PassesThrough()
    {
        var middleware = Middleware(_ => throw new DbUpdateException("dup", new PostgresException("dup", "ERROR", "ERROR", "23505")));

        await Assert.ThrowsAsync<DbUpdateException>(() => middleware.InvokeAsync(Context("POST", "/api/v1/petitions")));
    }

    [Fact]
    public async Task Invoke_TransientOnUnsafePost_NotRepeatedAnswers503()
    {
        var calls = 0;
        var middleware = Middleware(_ =>
        {
            calls++;
            throw new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        });
        var context = Context("POST", "/api/v1/petitions/1/actions/approve");

        await middleware.InvokeAsync(context);

        Assert.Equal(1, calls);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
    }

    [Fact]
    public async Task Invoke_TransientOnGetThenSuccess_RetriedUntilItAnswers()
    {
        var calls = 0;
        var middleware = Middleware(_ => ++calls < 3 ? throw new PostgresException("x", "FATAL", "FATAL", "57P03") : Task.CompletedTask);
        var context = Context("GET", "/Inbox");

        await middleware.InvokeAsync(context);

        Assert.Equal(3, calls);
        Assert.Equal(200, context.Response.StatusCode);
    }

    private static TransientFaultMiddleware Middleware(RequestDelegate next) =>
        new(next, Options.Create(new FaultOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(1) }), NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"), NullLogger<TransientFaultMiddleware>.Instance);

    private static DefaultHttpContext Context(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }
}
