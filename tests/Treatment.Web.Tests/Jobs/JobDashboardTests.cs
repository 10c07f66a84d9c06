using System.Net;
using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Agencies;
using Treatment.Web.Hosting;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Jobs;

/// <summary>The job dashboard at /jobs is for signed-in Admin users only.</summary>
[Collection(AppCollection.Name)]
public sealed class JobDashboardTests(TreatmentApp webApp)
{
    [Fact]
    public async Task Dashboard_Anonymous_Refused()
    {
        var client = webApp.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(JobsExtensions.DashboardPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Supervisor, false)]
    [InlineData(Roles.Examiner, false)]
    public void DashboardFilter_SignedInUserWithRole_AdminOnly(string role, bool allowed)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "user"), new Claim(ClaimTypes.Role, role)], IdentityConstants.ApplicationScheme);
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = webApp.Services };
        var context = new AspNetCoreDashboardContext(webApp.Services.GetRequiredService<JobStorage>(), new DashboardOptions(), http);

        Assert.Equal(allowed, new AdminDashboardAuthorizationFilter().Authorize(context));
    }
}
