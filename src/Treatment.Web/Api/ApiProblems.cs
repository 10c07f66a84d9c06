using Microsoft.AspNetCore.Mvc;
using Treatment.Core.Petitions;

namespace Treatment.Web.Api;

/// <summary>
/// RFC 9457 problem details with a stable type URI per class of error and a title in Korean and English
/// (title = "한국어 (English)", plus titleKo and titleEn), so clients branch on <c>type</c>, never on text.
/// </summary>
public static class ApiProblems
{
    public const string TypeBase = "https://treatment.example/problems/";

    private static readonly Dictionary<int, (string Slug, string Ko, string En)> ByStatus = new()
    {
        [400] = ("invalid-input", "잘못된 입력", "Invalid input"),
        [401] = ("unauthenticated", "인증 필요", "Authentication required"),
        [403] = ("forbidden", "권한 없음", "Forbidden"),
        [404] = ("not-found", "찾을 수 없음", "Not found"),
        [405] = ("method-not-allowed", "허용되지 않는 메서드", "Method not allowed"),
        [409] = ("conflict", "충돌", "Conflict"),
        [413] = ("body-too-large", "요청 본문이 너무 큼", "Request body too large"),
        [415] = ("unsupported-media-type", "지원하지 않는 형식", "Unsupported media type"),
        [422] = ("rule-broken", "규정 위반", "A rule refuses this"),
        [429] = ("too-many-requests", "요청이 너무 많음", "Too many requests"),
        [500] = ("internal-error", "내부 오류", "Internal error"),
    };

    /// <summary>Fills type and bilingual title on any problem the framework writes (401/403 challenges, 404 routes, 429 …).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            (string Slug, string Ko, string En) known = ByStatus.TryGetValue(status, out var k) ? k : ("error", "오류", "Error");
            problem.Type = TypeBase + known.Slug;
            problem.Title = $"{known.Ko} ({known.En})";
            problem.Extensions["titleKo"] = known.Ko;
            problem.Extensions["titleEn"] = known.En;
        }

        problem.Extensions.Remove("traceId");
    }

    public static IResult Problem(int status, string slug, string ko, string en, string? detail = null, IDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["titleKo"] = ko, ["titleEn"] = en };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(detail, statusCode: status, title: $"{ko} ({en})", type: TypeBase + slug, extensions: extensions);
    }

    public static IResult Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        Problem(400, "invalid-input", "잘못된 입력", "Invalid input", detail, errors);

    public static IResult From(PetitionError error)
    {
        var (status, ko, en) = error.Kind switch
        {
            PetitionErrorKind.Invalid => (400, "잘못된 입력", "Invalid input"),
            PetitionErrorKind.NotFound => (404, "찾을 수 없음", "Not found"),
            PetitionErrorKind.Forbidden => (403, "권한 없음", "Forbidden"),
            PetitionErrorKind.IllegalTrigger => (409, "이 상태에서 할 수 없는 처리", "Not possible in this state"),
            PetitionErrorKind.Conflict => (409, "충돌", "Conflict"),
            _ => (422, "규정 위반", "A rule refuses this"),
        };
        var extensions = new Dictionary<string, object?>
        {
            ["titleKo"] = ko,
            ["titleEn"] = en,
            ["code"] = error.Code,
            ["detailKo"] = error.Message.Ko,
            ["detailEn"] = error.Message.En,
        };
        if (error.Fields is not null)
        {
            extensions["errors"] = error.Fields;
        }

        return TypedResults.Problem($"{error.Message.Ko} ({error.Message.En})", statusCode: status, title: $"{ko} ({en})", type: TypeBase + error.Code, extensions: extensions);
    }
}
