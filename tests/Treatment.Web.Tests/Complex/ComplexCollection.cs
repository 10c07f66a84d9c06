using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Complex;

/// <summary>
/// Complex petitions and Open311: a host and database of their own, because the consultation tests move the clock
/// and run the sweep over the whole database.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ComplexCollection : ICollectionFixture<ComplexApp>
{
    public const string Name = "complex";
}

/// <summary>The host of the complex-petition and Open311 tests.</summary>
public sealed class ComplexApp : IAsyncLifetime
{
    public TreatmentApp App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
