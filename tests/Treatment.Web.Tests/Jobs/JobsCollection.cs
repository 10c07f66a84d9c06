using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Jobs;

/// <summary>
/// Tests that move the clock and sweep the whole database: their own host and database, so they never change what the
/// other tests' petitions or clock say; run alone because each host configures Hangfire's global storage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobsCollection : ICollectionFixture<TreatmentApp>
{
    public const string Name = "jobs";
}
