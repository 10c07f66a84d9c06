using Hangfire.Dashboard;
using Treatment.Core.Agencies;

namespace Treatment.Web.Hosting;

/// <summary>The job dashboard at /jobs is for signed-in Admin users only (role claim from the Identity cookie).</summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}
