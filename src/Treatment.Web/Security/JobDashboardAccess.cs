using System.Globalization;
using Hangfire.Dashboard;
using Treatment.Core.Agencies;
using Treatment.Core.Persistence;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Security;

/// <summary>
/// Who may use the job dashboard at /jobs. The recurring jobs (sweep, outbox, reports) serve every agency, so only the
/// central operator's admins (admins of a central agency) may trigger, delete or retry them; admins of other agencies
/// may look, read-only; everyone else is refused.
/// </summary>
public sealed class JobDashboardAccess : IDashboardAsyncAuthorizationFilter
{
    private const string OperatorItem = "treatment:jobs-operator";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Admin))
        {
            return false;
        }

        var central = int.TryParse(user.FindFirst(BackOfficeClaimsFactory.AgencyClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var agencyId)
            && await http.RequestServices.GetRequiredService<AgencyDirectory>()
                .ByIdAsync(http.RequestServices.GetRequiredService<TreatmentDbContext>(), agencyId, http.RequestAborted) is { Level: AgencyLevel.Central };
        http.Items[OperatorItem] = central;
        return true;
    }

    /// <summary>Read-only unless the request was authorized as the central operator's admin.</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        context.GetHttpContext().Items[OperatorItem] is not true;
}
