using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Treatment.Core.Agencies;
using Treatment.Web.Security;

namespace Treatment.Web.Api;

/// <summary>POST /auth/token: an official's username and password for a signed bearer token that expires (data protection, no extra package).</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).WithName("IssueToken").WithTags("Auth")
            .WithSummary("Exchange an official's username and password for a bearer token (expires after an hour); repeated failures are slowed per account and per address")
            .AllowAnonymous()
            .Accepts<TokenBody>("application/json")
            .Produces<AccessTokenResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
        return api;
    }

    private static async Task<IResult> IssueToken(HttpContext http, UserManager<AppUser> users, CredentialCheck credentials, ApiTokenCheck tokenCheck, CancellationToken ct)
    {
        var body = await ApiJson.ReadAsync<TokenBody>(http.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (username, password) = (body.Value!.Username, body.Value.Password);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || username.Length > 100 || password.Length > 200)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["username"] = ["사용자 이름과 비밀번호가 필요합니다. (username and password are required)"] });
        }

        var checkedCredentials = await credentials.CheckAsync(username, password, PublicEdgeExtensions.ClientAddress(http), ct);
        if (checkedCredentials.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Problem(429, "too-many-requests", "요청이 너무 많음", "Too many requests", "로그인 실패가 반복되었습니다. 잠시 후 다시 시도하십시오. (repeated failures: try again shortly)");
        }

        // One answer for a wrong password, an unknown account and a disabled one.
        if (checkedCredentials.User is not { } user)
        {
            return ApiProblems.Problem(401, "invalid-credentials", "사용자 이름 또는 비밀번호가 틀림", "Wrong username or password");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ApiActors.AgencyClaim, user.AgencyId.ToString(CultureInfo.InvariantCulture)),
            new(tokenCheck.StampClaimType, await users.GetSecurityStampAsync(user)),
        };
        if (user.DepartmentId is { } department)
        {
            claims.Add(new Claim(ApiActors.DepartmentClaim, department.ToString(CultureInfo.InvariantCulture)));
        }

        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, BearerTokenDefaults.AuthenticationScheme));
        return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
