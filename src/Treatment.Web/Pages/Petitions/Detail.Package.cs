using Treatment.Core.Packages;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The petition page's package panel (decision 021): the package's derived state and the siblings' shared part.</summary>
public sealed partial class DetailModel
{
    public PackageView? Package { get; private set; }

    private async Task LoadPackageAsync(long id, CancellationToken ct)
    {
        var reader = HttpContext.RequestServices.GetRequiredService<PackageReader>();
        Package = await reader.OfPetitionAsync(id, User.ToActor(), ct);
    }
}
