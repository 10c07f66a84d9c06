using Microsoft.AspNetCore.Mvc;
using Treatment.Web.BackOffice;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Minwon;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Security;
using Treatment.Web.Security;

namespace Treatment.Web.Pages.Minwon;

/// <summary>e-Application: identity verification, then the online-portal channel's intake; an immediate affair's document at once.</summary>
[EnableRateLimiting(PublicEdgeExtensions.CitizenWindowPolicy)]
public sealed class ApplyModel(TreatmentDbContext db, CitizenWindow window, PersonalDataProtector protector) : PageModel
{
    public sealed class ApplicationInput
    {
        public string AffairCode { get; set; } = "";

        public string AgencyCode { get; set; } = "";

        public string Title { get; set; } = "";

        public string Body { get; set; } = "";

        public string Name { get; set; } = "";

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Address { get; set; }

        public string? ResidentNumber { get; set; }

        public string OneTimeCode { get; set; } = "";
    }

    [BindProperty]
    public ApplicationInput Input { get; set; } = new();

    public CivilAffair? Affair { get; private set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public bool DemoIdentity => window.DemoIdentity;

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Problem { get; private set; }

    public ApplicationResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? affair, CancellationToken ct)
    {
        if (!await LoadAsync(affair, ct))
        {
            return NotFound();
        }

        Input.AffairCode = Affair!.Code;
        Input.Title = Affair.NameKo;
        Input.AgencyCode = Agencies.FirstOrDefault(a => a.Level == Affair.AgencyLevel)?.Code ?? Agencies.FirstOrDefault()?.Code ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(Input.AffairCode, ct))
        {
            return NotFound();
        }

        var outcome = await window.ApplyAsync(new CitizenApplication(
            Input.AffairCode, Input.AgencyCode, Input.Title, Input.Body, Input.Name, Input.Phone, Input.Email, Input.Address, Input.ResidentNumber, Input.OneTimeCode), ct);
        if (outcome.Error is { } error)
        {
            Errors = error.Fields ?? new Dictionary<string, string[]>();
            Problem = L.T(error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        SecurityHeadersExtensions.NoStore(Response);
        var value = outcome.Value!;
        Result = await ApplicationResult.BuildAsync(db, value.Petition, StatusLookupCodes.Reveal(value.Petition, protector) ?? "", value.Documents.FirstOrDefault(), HttpContext.RequestServices, ct);
        return Page();
    }

    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages ? string.Join(" ", messages) : null;

    private async Task<bool> LoadAsync(string? affairCode, CancellationToken ct)
    {
        Affair = affairCode is { Length: > 0 and <= 60 } ? await db.Affairs.AsNoTracking().FirstOrDefaultAsync(a => a.Code == affairCode, ct) : null;
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Level).ThenBy(a => a.Code).ToListAsync(ct);
        return Affair is not null;
    }
}
