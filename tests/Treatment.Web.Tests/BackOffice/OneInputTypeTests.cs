using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>One set of intake limits for the API, the register page and the columns; one input type from the action form to the audit event.</summary>
[Collection(AdminCollection.Name)]
public sealed class OneInputTypeTests(TreatmentApp app)
{
    private static Dictionary<string, string> Registration(string title) => new()
    {
        ["Form.Kind"] = "Grievance",
        ["Form.Channel"] = "Visit",
        ["Form.Title"] = title,
        ["Form.Body"] = "가로등이 꺼져 있습니다.",
        ["Form.PetitionerName"] = "홍길동",
    };

    [Fact]
    public async Task RegisterPage_TitleAndBody_AreLimitedAsIntakeLimitsSays()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);

        // Act
        var page = await session.Client.GetStringAsync("/Petitions/Register");
        var tooLong = await session.PostAsync("/Petitions/Register", "/Petitions/Register", Registration(new string('가', IntakeLimits.Title + 1)));
        var longest = await session.PostAsync("/Petitions/Register", "/Petitions/Register", Registration(new string('나', IntakeLimits.Title)));

        // Assert
        Assert.Equal((200, 20_000), (IntakeLimits.Title, IntakeLimits.Body));
        Assert.Contains($"name=\"Form.Title\" required maxlength=\"{IntakeLimits.Title}\"", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"Form.Body\" required maxlength=\"{IntakeLimits.Body}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("register-error", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, longest.StatusCode);
    }

    [Fact]
    public async Task ActionForm_Inputs_ReachTheAuditEventAsTheyWereTyped()
    {
        // Arrange
        Petition petition;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Treatment.Core.Persistence.TreatmentDbContext>();
            var official = await BackOfficeSession.ActorAsync(db, "jongno.official");
            var intake = await scope.ServiceProvider.GetRequiredService<PetitionIntake>().ReceiveAsync(new IntakeRequest
            {
                Kind = PetitionKind.Grievance,
                AgencyCode = "SEOUL-JONGNO",
                Channel = Channel.Visit,
                Title = "입력 값 확인",
                Body = "본문",
                Petitioner = new PetitionerDetails("홍길동", null, null, null),
            }, official);
            petition = intake.Value!.Petition;
        }

        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);
        var url = $"/Petitions/{petition.Id}";
        await session.PostAsync(url, $"{url}?handler=Fire", new Dictionary<string, string> { ["Trigger"] = "route" });

        // Act
        var response = await session.PostAsync(url, $"{url}?handler=Fire", new Dictionary<string, string>
        {
            ["Trigger"] = "extend",
            ["Reason"] = "현장 확인이 필요합니다.",
            ["ExtensionDays"] = "2",
        });

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var check = app.CreateDbContext();
        var extended = await check.PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == petition.Id && e.Type == PetitionEventTypes.Transition && e.Trigger == "extend").SingleAsync();
        var inputs = JsonNode.Parse(extended.Data!)!["inputs"]!.AsObject();
        Assert.Equal("현장 확인이 필요합니다.", (string?)inputs["reason"]);
        Assert.Equal(2, (int?)inputs["extensionDays"]);
        Assert.False(inputs.ContainsKey("trigger"));
        Assert.False(inputs.ContainsKey("version"));
    }
}
