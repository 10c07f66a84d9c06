using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Packages;

/// <summary>Packages and address changes move the clock and drain the outbox: a host and database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<TreatmentApp>
{
    public const string Name = "packages";
}
