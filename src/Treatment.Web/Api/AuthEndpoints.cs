using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Treatment.Core.Agencies;

namespace Treatment.Web.Api;

/// <summary>POST /auth/token: an official's username and password for a signed bearer token that expires (data protection, no extra package).</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).WithName("IssueToken").WithTags("Auth")
            .WithSummary("Exchange an official's username and password for a bearer token (expires after an hour)")
            .Accepts<TokenBody>("application/json")
            .Produces<AccessTokenResponse>().ProducesProblem(400).ProducesProblem(401);
        return api;
    }

    private static async Task<IResult> IssueToken(HttpContext http, UserManager<AppUser> users, CancellationToken ct)
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

        var user = await users.FindByNameAsync(username);
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return Refused();
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return Refused();
        }

        await users.ResetAccessFailedCountAsync(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ApiActors.AgencyClaim, user.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (user.DepartmentId is { } department)
        {
            claims.Add(new Claim(ApiActors.DepartmentClaim, department.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, BearerTokenDefaults.AuthenticationScheme));
        return TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static IResult Refused() =>
        ApiProblems.Problem(401, "invalid-credentials", "사용자 이름 또는 비밀번호가 틀림", "Wrong username or password");
}
