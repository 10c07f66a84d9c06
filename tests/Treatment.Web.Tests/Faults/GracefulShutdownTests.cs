using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Faults;

/// <summary>The host's shutdown budget; the drain itself is measured by scripts/chaos (SIGTERM under load).</summary>
[Collection(AppCollection.Name)]
public sealed class GracefulShutdownTests(TreatmentApp app)
{
    [Fact]
    public void HostOptions_Default_ThirtySecondsToFinishRequestsInFlight()
    {
        var options = app.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownTimeout);
    }
}
