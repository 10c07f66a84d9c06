using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Petitioner;

/// <summary>
/// A host of its own (its clock is moved by days) whose settings trust two channel keys to assert a petitioner's
/// verified identity: one for the online portal, one for kiosks only.
/// </summary>
public sealed class PetitionerSideApp : IAsyncLifetime
{
    public const string TrustedPortal = "본인확인 포털 (trusted portal)";

    public const string TrustedKiosk = "본인확인 무인민원발급기 (trusted kiosk)";

    public TreatmentApp App { get; } = new()
    {
        Settings =
        {
            ["Treatment:PetitionerActions:IdentityAssertingChannels:0"] = TrustedPortal,
            ["Treatment:PetitionerActions:IdentityAssertingChannels:1"] = TrustedKiosk,
        },
    };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PetitionerSideCollection : ICollectionFixture<PetitionerSideApp>
{
    public const string Name = "petitioner-side";
}
