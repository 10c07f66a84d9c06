namespace Treatment.Web.Tests.Infrastructure;

/// <summary>Tests that share one running host and database.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<TreatmentApp>
{
    public const string Name = "app";
}
