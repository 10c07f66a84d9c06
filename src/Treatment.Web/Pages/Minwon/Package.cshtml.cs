using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Minwon;
using Treatment.Core.Packages;
using Treatment.Core.Persistence;
using Treatment.Web.BackOffice;
using Treatment.Web.Security;

namespace Treatment.Web.Pages.Minwon;

/// <summary>Package application (묶음 민원, decision 021): the packages on offer, then the chosen affairs with an agency each, one identity check.</summary>
[EnableRateLimiting(PublicEdgeExtensions.CitizenWindowPolicy)]
public sealed class PackageModel(TreatmentDbContext db, PackageDefinitions definitions, CitizenWindow window, PackageReader reader) : PageModel
{
    public sealed class ItemInput
    {
        public string AffairCode { get; set; } = "";

        public bool Selected { get; set; }

        public string AgencyCode { get; set; } = "";
    }

    public sealed class PackageInput
    {
        public string PackageCode { get; set; } = "";

        public List<ItemInput> Items { get; set; } = [];

        public string? Body { get; set; }

        public string Name { get; set; } = "";

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Address { get; set; }

        public string? ResidentNumber { get; set; }

        public string OneTimeCode { get; set; } = "";
    }

    [BindProperty]
    public PackageInput Input { get; set; } = new();

    public IReadOnlyList<PackageDefinition> Offered { get; private set; } = [];

    public PackageDefinition? Definition { get; private set; }

    public IReadOnlyDictionary<string, CivilAffair> Affairs { get; private set; } = new Dictionary<string, CivilAffair>();

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public bool DemoIdentity => window.DemoIdentity;

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Problem { get; private set; }

    /// <summary>The package as filed, with the lookup code the citizen keeps.</summary>
    public sealed record FiledPackage(PackageView Package, string? LookupCode);

    public FiledPackage? Result { get; private set; }

    /// <summary>Some offered affair's law requires the resident number: the form asks for it once.</summary>
    public bool AsksResidentNumber => Affairs.Values.Any(a => a.RequiresResidentNumber);

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        Offered = await definitions.ListAsync(activeOnly: true, ct);
        if (code is null)
        {
            return Page();
        }

        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Input.PackageCode = Definition!.Code;
        Input.Items = Definition.Affairs.Select(a => new ItemInput { AffairCode = a.AffairCode, Selected = true, AgencyCode = DefaultAgency(a.AffairCode) }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(Input.PackageCode, ct))
        {
            return NotFound();
        }

        var items = Input.Items.Where(i => i.Selected).Select(i => new PackageItemRequest(i.AffairCode, i.AgencyCode)).ToList();
        var outcome = await window.ApplyForPackageAsync(new CitizenPackageApplication(
            Input.PackageCode, items, Input.Body, Input.Name, Input.Phone, Input.Email, Input.Address, Input.ResidentNumber, Input.OneTimeCode), ct);
        if (outcome.Error is { } error)
        {
            Errors = error.Fields ?? new Dictionary<string, string[]>();
            Problem = L.T(error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        SecurityHeadersExtensions.NoStore(Response);
        var lookupCode = outcome.Value!.LookupCode;
        Result = (await reader.ForCitizenAsync(outcome.Value.Package.ReceiptNumber, lookupCode, ct)).View is { } view ? new FiledPackage(view, lookupCode) : null;
        return Page();
    }

    public string AffairName(string code) => Affairs.TryGetValue(code, out var a) ? (L.English ? a.NameEn : a.NameKo) : code;

    public IEnumerable<Agency> AgenciesFor(string affairCode) =>
        Affairs.TryGetValue(affairCode, out var a) && Agencies.Any(g => g.Level == a.AgencyLevel) ? Agencies.Where(g => g.Level == a.AgencyLevel) : Agencies;

    private string DefaultAgency(string affairCode) => AgenciesFor(affairCode).FirstOrDefault()?.Code ?? "";

    private async Task<bool> LoadAsync(string? code, CancellationToken ct)
    {
        Definition = code is { Length: > 0 and <= 40 } ? await definitions.FindAsync(code, ct) : null;
        if (Definition is not { Active: true })
        {
            return false;
        }

        var codes = Definition.Affairs.Select(a => a.AffairCode).ToList();
        Affairs = await db.Affairs.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Level).ThenBy(a => a.Code).ToListAsync(ct);
        return true;
    }
}
