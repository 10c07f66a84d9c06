using System.Globalization;
using System.Text;
using Treatment.Core.Documents;
using Treatment.Core.Petitions;

namespace Treatment.Web.Api;

/// <summary>What anyone holding the issue number and code reads of a document: facts and digest, never its content.</summary>
public sealed record DocumentFactsResource(
    string IssueNumber,
    string AgencyCode,
    LocalizedResource Agency,
    LocalizedResource Title,
    string Holder,
    DateTimeOffset IssuedAt,
    string Digest,
    string DigestAlgorithm,
    string Signature,
    string SignatureAlgorithm,
    string KeyId)
{
    public static DocumentFactsResource From(DocumentFacts f) => new(
        f.IssueNumber, f.AgencyCode, new LocalizedResource(f.AgencyNameKo, f.AgencyNameEn), new LocalizedResource(f.TitleKo, f.TitleEn),
        f.Holder, f.IssuedAt, f.Digest, "SHA-256", f.Signature, "ES256 (ECDSA P-256, SHA-256, IEEE P1363 r||s, base64)", f.KeyId);
}

/// <summary>The verdict on an uploaded document: genuine, altered or unknown (the facts when the issue number and code are ours).</summary>
public sealed record DocumentVerdictResource(string Verdict, LocalizedResource Message, DocumentFactsResource? Document);

/// <summary>The upload of POST /documents/verify: the issued document's HTML file, as downloaded.</summary>
public sealed record DocumentUploadForm(IFormFile Document);

/// <summary>An agency's published signing key: SubjectPublicKeyInfo (DER, base64) and the same as PEM.</summary>
public sealed record SigningKeyResource(string KeyId, string AgencyCode, LocalizedResource Agency, string Algorithm, string PublicKey, string PublicKeyPem, DateTimeOffset CreatedAt);

/// <summary>
/// The verification service (진위확인): the agencies' public keys, a document's facts by issue number and code, and the
/// verdict on an uploaded copy. Lookups are limited per address (rate limiter) and per issue number (a lockout after
/// repeated wrong codes), as the status lookup is.
/// </summary>
public static class DocumentEndpoints
{
    public const string RateLimitPolicy = "document-verification";

    /// <summary>A document page is a few kilobytes; a megabyte is far more than any genuine one.</summary>
    public const int MaxUpload = 1024 * 1024;

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/documents/keys", Keys).WithName("DocumentSigningKeys").WithTags("Document verification")
            .WithSummary("The agencies' public keys that sign issued documents (ECDSA P-256)")
            .AllowAnonymous()
            .Produces<IReadOnlyList<SigningKeyResource>>();
        api.MapGet("/documents/{issueNumber}", Facts).WithName("DocumentFacts").WithTags("Document verification")
            .WithSummary("The facts and digest of an issued document (issue number and verification code must both match)")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .Produces<DocumentFactsResource>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(429);
        api.MapPost("/documents/verify", Verify).WithName("VerifyDocument").WithTags("Document verification")
            .WithSummary("Genuine, altered or unknown: an issued document's page as uploaded (multipart field 'document', or the page itself as text/html)")
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .Accepts<DocumentUploadForm>("multipart/form-data")
            .Produces<DocumentVerdictResource>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(429);
        return api;
    }

    private static async Task<IResult> Keys(DocumentVerification verification, CancellationToken ct)
    {
        var keys = await verification.PublishedKeysAsync(ct);
        return TypedResults.Json(keys.Select(k => new SigningKeyResource(k.KeyId, k.AgencyCode, new LocalizedResource(k.AgencyNameKo, k.AgencyNameEn), k.Algorithm, k.PublicKey, Pem(k.PublicKey), k.CreatedAt)).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> Facts(HttpContext http, string issueNumber, string? code, DocumentVerification verification, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (issueNumber.Length is 0 or > 40 || TextRules.HasForbiddenCharacters(issueNumber, multiline: false))
        {
            errors["issueNumber"] = ["발급번호가 필요합니다. (the issue number is required)"];
        }

        if (code is null || code.Length is 0 or > 40 || TextRules.HasForbiddenCharacters(code, multiline: false))
        {
            errors["code"] = ["문서확인번호가 필요합니다. (the verification code printed on the document is required)"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var check = await verification.FactsAsync(issueNumber.Trim(), code!, ct);
        return check.Verdict switch
        {
            DocumentVerdict.Locked => Locked(http, check.RetryAfter),
            DocumentVerdict.Genuine => TypedResults.Json(DocumentFactsResource.From(check.Facts!), ApiJson.Options),
            // The same answer for an unknown number and a wrong code: nothing to learn by guessing.
            _ => ApiProblems.Problem(404, "not-found", "찾을 수 없음", "Not found", "발급번호와 문서확인번호가 맞는 문서가 없습니다. (no document with this issue number and code)"),
        };
    }

    private static async Task<IResult> Verify(HttpContext http, DocumentVerification verification, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxUpload)
        {
            return ApiProblems.Problem(413, "too-large", "문서가 너무 큼", "Document too large", "1MB 이하의 문서를 올리십시오. (upload at most 1 MB)");
        }

        string? page;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files["document"];
            page = file is { Length: > 0 and <= MaxUpload } ? await ReadAsync(file.OpenReadStream(), ct) : null;
        }
        else
        {
            page = await ReadAsync(http.Request.Body, ct);
        }

        if (string.IsNullOrEmpty(page))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["document"] = ["발급받은 문서 파일(HTML)을 올리십시오. (upload the issued document's HTML file, at most 1 MB)"] });
        }

        var check = await verification.VerifyAsync(page, ct);
        if (check.Verdict == DocumentVerdict.Locked)
        {
            return Locked(http, check.RetryAfter);
        }

        return TypedResults.Json(Verdict(check), ApiJson.Options);
    }

    public static DocumentVerdictResource Verdict(DocumentCheck check) => check.Verdict switch
    {
        DocumentVerdict.Genuine => new("genuine", new("진본입니다: 발급한 내용과 같고 기관의 전자서명이 맞습니다.", "Genuine: the content is as issued and the agency's signature is valid."), DocumentFactsResource.From(check.Facts!)),
        DocumentVerdict.Altered => new("altered", new("변조되었습니다: 발급한 문서와 내용이 다릅니다.", "Altered: the content differs from the document as issued."), DocumentFactsResource.From(check.Facts!)),
        _ => new("unknown", new("확인할 수 없습니다: 발급번호와 문서확인번호가 맞는 문서가 없습니다.", "Unknown: no document with this issue number and verification code."), null),
    };

    private static IResult Locked(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Problem(429, "too-many-requests", "요청이 너무 많음", "Too many requests", "이 발급번호는 잠시 확인할 수 없습니다. (this issue number is locked for a while after repeated wrong codes)");
    }

    private static async Task<string> ReadAsync(Stream stream, CancellationToken ct)
    {
        using var limited = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (limited.Length + read > MaxUpload)
            {
                return "";
            }

            limited.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(limited.ToArray());
    }

    private static string Pem(string base64) =>
        "-----BEGIN PUBLIC KEY-----\n" + string.Join('\n', base64.Chunk(64).Select(c => new string(c))) + "\n-----END PUBLIC KEY-----\n";
}
