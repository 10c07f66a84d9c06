using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Treatment.Web.Tests.Infrastructure;

/// <summary>
/// The in-memory test server leaves the client address empty; a real Kestrel behind a local reverse proxy sees
/// loopback. Giving test requests that address makes the proxy rules (X-Forwarded-For from a trusted proxy) testable.
/// </summary>
internal sealed class LoopbackClientAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(http);
        });
        next(app);
    };
}
