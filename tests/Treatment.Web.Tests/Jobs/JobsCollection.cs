using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Jobs;

/// <summary>
/// Tests that move the clock and sweep the whole database: their own host and database, so they never change what the
/// other tests' petitions or clock say; run alone because each host configures Hangfire's process-wide statics.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobsCollection : ICollectionFixture<JobsApp>
{
    public const string Name = "jobs";
}

/// <summary>A host of its own for the jobs tests (role "Web" unless told).</summary>
public class JobsApp : IAsyncLifetime
{
    public JobsApp()
        : this("Web")
    {
    }

    protected JobsApp(string role) => App = new TreatmentApp { Role = role };

    public TreatmentApp App { get; }

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
