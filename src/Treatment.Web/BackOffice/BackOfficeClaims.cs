using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Treatment.Core.Agencies;
using Treatment.Core.Petitions;

namespace Treatment.Web.BackOffice;

/// <summary>Puts the user's agency, department and display name into the sign-in cookie, so scope needs no lookup per request.</summary>
public sealed class BackOfficeClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string AgencyClaim = "treatment:agency";
    public const string DepartmentClaim = "treatment:department";
    public const string DisplayNameClaim = "treatment:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AgencyClaim, user.AgencyId.ToString(CultureInfo.InvariantCulture)));
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(DepartmentClaim, department.ToString(CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

public static class ActorClaims
{
    /// <summary>The acting user as the Core services see it.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return new Actor(null, "anonymous", new HashSet<string>(), null, null);
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(id, user.FindFirstValue(BackOfficeClaimsFactory.DisplayNameClaim) ?? user.Identity.Name ?? "?", roles,
            ParseInt(user.FindFirstValue(BackOfficeClaimsFactory.AgencyClaim)), ParseInt(user.FindFirstValue(BackOfficeClaimsFactory.DepartmentClaim)));
    }

    private static int? ParseInt(string? text) => int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;
}
