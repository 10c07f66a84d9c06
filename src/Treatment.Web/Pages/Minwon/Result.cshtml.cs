using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Treatment.Web.BackOffice;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Web.Security;

namespace Treatment.Web.Pages.Minwon;

/// <summary>View Result: a petition's state, notices and document by receipt number and lookup code, through the status lookup's throttle.</summary>
[EnableRateLimiting(PublicEdgeExtensions.CitizenWindowPolicy)]
public sealed class ResultModel(TreatmentDbContext db, StatusLookup lookup) : PageModel
{
    [BindProperty]
    public string ReceiptNumber { get; set; } = "";

    [BindProperty]
    public string LookupCode { get; set; } = "";

    public string? Problem { get; private set; }

    public ApplicationResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } petition)
        {
            return Page();
        }

        SecurityHeadersExtensions.NoStore(Response);
        Result = await ApplicationResult.BuildAsync(db, petition, LookupCode.Trim(), null, HttpContext.RequestServices, ct);
        return Page();
    }

    /// <summary>The document as a file, exactly as issued (the verification page takes it back).</summary>
    public Task<IActionResult> OnPostDownloadAsync(CancellationToken ct) => DocumentAsync(attachment: true, ct);

    /// <summary>The printable page in the browser (print CSS inside the document).</summary>
    public Task<IActionResult> OnPostPrintAsync(CancellationToken ct) => DocumentAsync(attachment: false, ct);

    private async Task<IActionResult> DocumentAsync(bool attachment, CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } petition)
        {
            return Page();
        }

        var document = await HttpContext.RequestServices.GetRequiredService<Treatment.Core.Documents.DocumentVerification>().OfPetitionAsync(petition.Id, ct);
        if (document is null)
        {
            Problem = L.T("이 민원으로 발급된 문서가 없습니다.", "No document was issued for this petition.");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        SecurityHeadersExtensions.NoStore(Response);
        var bytes = Encoding.UTF8.GetBytes(document.Html);
        return attachment
            ? File(bytes, "text/html; charset=utf-8", $"document-{document.IssueNumber}.html")
            : File(bytes, "text/html; charset=utf-8");
    }

    private async Task<Petition?> FindAsync(CancellationToken ct)
    {
        var (number, code) = (ReceiptNumber?.Trim() ?? "", LookupCode ?? "");
        if (number.Length is 0 or > 80 || code.Length is 0 or > 40 || TextRules.HasForbiddenCharacters(number, false) || TextRules.HasForbiddenCharacters(code, false))
        {
            Problem = L.T("접수번호와 조회 코드를 모두 입력하십시오.", "Enter both the receipt number and the lookup code.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        var found = await lookup.FindAsync(number, code, ct);
        switch (found.Outcome)
        {
            case StatusLookupOutcome.Locked:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(found.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                Problem = L.T("이 접수번호는 잘못된 조회 코드가 반복되어 잠시 조회할 수 없습니다.", "This receipt number is locked for a while after repeated wrong codes.");
                return null;
            case StatusLookupOutcome.NoMatch:
                Response.StatusCode = StatusCodes.Status404NotFound;
                Problem = L.T("접수번호와 조회 코드가 맞는 민원이 없습니다.", "No petition with this receipt number and lookup code.");
                return null;
            default:
                return found.Petition;
        }
    }
}
