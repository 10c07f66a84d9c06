using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Treatment.Web.BackOffice;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Treatment.Core.Documents;
using Treatment.Core.Petitions;
using Treatment.Web.Api;
using Treatment.Web.Security;

namespace Treatment.Web.Pages.Minwon;

/// <summary>진위확인: a document's facts by issue number and code, or the verdict on an uploaded copy (the API's service, in process).</summary>
[EnableRateLimiting(PublicEdgeExtensions.CitizenWindowPolicy)]
public sealed class VerifyModel(DocumentVerification verification) : PageModel
{
    [BindProperty]
    public string IssueNumber { get; set; } = "";

    [BindProperty]
    public string Code { get; set; } = "";

    public string? Problem { get; private set; }

    public DocumentVerdictResource? Verdict { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFactsAsync(CancellationToken ct)
    {
        var (number, code) = (IssueNumber?.Trim() ?? "", Code ?? "");
        if (number.Length is 0 or > 40 || code.Length is 0 or > 40 || TextRules.HasForbiddenCharacters(number, false) || TextRules.HasForbiddenCharacters(code, false))
        {
            Problem = L.T("발급번호와 문서확인번호를 모두 입력하십시오.", "Enter both the issue number and the verification code.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Show(await verification.FactsAsync(number, code, ct));
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? document, CancellationToken ct)
    {
        if (document is not { Length: > 0 and <= DocumentEndpoints.MaxUpload })
        {
            Problem = L.T("발급받은 문서 파일(HTML, 1MB 이하)을 고르십시오.", "Choose the issued document's file (HTML, at most 1 MB).");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        using var reader = new StreamReader(document.OpenReadStream(), Encoding.UTF8);
        return Show(await verification.VerifyAsync(await reader.ReadToEndAsync(ct), ct));
    }

    private PageResult Show(DocumentCheck check)
    {
        if (check.Verdict == DocumentVerdict.Locked)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(check.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            Problem = L.T("이 발급번호는 잘못된 확인번호가 반복되어 잠시 확인할 수 없습니다.", "This issue number is locked for a while after repeated wrong codes.");
            return Page();
        }

        Verdict = DocumentEndpoints.Verdict(check);
        return Page();
    }
}
