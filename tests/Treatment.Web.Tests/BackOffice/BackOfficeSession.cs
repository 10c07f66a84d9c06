using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>A cookie session against the real sign-in page (antiforgery included), and actors as the pages build them.</summary>
public sealed partial class BackOfficeSession
{
    private BackOfficeSession(HttpClient client, HttpResponseMessage signIn)
    {
        Client = client;
        SignInResponse = signIn;
    }

    public HttpClient Client { get; }

    /// <summary>What the sign-in post answered: a redirect when it succeeded, the page again with the error when not.</summary>
    public HttpResponseMessage SignInResponse { get; }

    public bool SignedIn => SignInResponse.StatusCode == HttpStatusCode.Redirect;

    public static async Task<BackOfficeSession> SignInAsync(TreatmentApp app, string userName, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await TokenAsync(client, "/Account/SignIn");
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        return new BackOfficeSession(client, response);
    }

    /// <summary>Posts a form the way the page would, with the antiforgery token of the page at <paramref name="pageUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(Client, pageUrl);
        return await Client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>Switches the session to English through the header's language button.</summary>
    public Task<HttpResponseMessage> SwitchToEnglishAsync() =>
        PostAsync("/Inbox", "/Account/Language", new Dictionary<string, string> { ["lang"] = "en", ["returnUrl"] = "/Inbox" });

    public static async Task<Actor> ActorAsync(TreatmentDbContext db, string userName)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), user.AgencyId, user.DepartmentId);
    }

    private static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var page = await client.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(page);
        Assert.True(match.Success, $"no antiforgery token on {pageUrl}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
