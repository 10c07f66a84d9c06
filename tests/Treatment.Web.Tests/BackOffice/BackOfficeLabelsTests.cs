using System.Net;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence.Seeding;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>Codes of the audit trail, the breach list and the inbox filter are shown by name, Korean first, English on the switch.</summary>
[Collection(AdminCollection.Name)]
public sealed class BackOfficeLabelsTests(TreatmentApp app)
{
    [Fact]
    public async Task PetitionPage_TimelineCodes_ShowKoreanNamesAndEnglishAfterTheSwitch()
    {
        // Arrange
        var petition = await PetitionWithEventsAsync();
        var session = await BackOfficeSession.SignInAsync(app, "jongno.supervisor", DemoReferenceData.DemoPassword);

        // Act
        var korean = await session.Client.GetStringAsync($"/Petitions/{petition.Id}");
        await session.SwitchToEnglishAsync();
        var english = await session.Client.GetStringAsync($"/Petitions/{petition.Id}");

        // Assert
        Assert.Contains("<strong>처리</strong> · 서면 답변", korean);
        Assert.Contains("접수 → 답변 완료", korean);
        Assert.Contains("<strong>의무 기한 위반</strong> · 이송 기한", korean);
        Assert.Contains("<strong>mystery-event</strong>", korean);
        Assert.Contains("<strong>Action</strong> · Answer in writing", english);
        Assert.Contains("Received → Answered", english);
        Assert.Contains("<strong>Obligation breach</strong> · Transfer to the competent agency", english);
        Assert.Contains("<strong>mystery-event</strong>", english);
    }

    [Fact]
    public async Task BreachesPage_Obligation_ShowsItsKoreanName()
    {
        // Arrange
        var petition = await PetitionWithEventsAsync();
        await using (var db = app.CreateDbContext())
        {
            db.ObligationBreaches.Add(new ObligationBreach
            {
                PetitionId = petition.Id,
                AgencyId = petition.AgencyId,
                DepartmentId = petition.DepartmentId,
                Obligation = "route-to-department",
                DueAt = app.Time.GetUtcNow().AddHours(-1),
                DetectedAt = app.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var session = await BackOfficeSession.SignInAsync(app, "jongno.supervisor", DemoReferenceData.DemoPassword);

        // Act
        var response = await session.Client.GetAsync("/Supervisor/Breaches");
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, page);

        // Assert
        Assert.Contains("data-obligation=\"route-to-department\">처리부서 배정 기한</td>", page);
    }

    [Fact]
    public async Task InboxPage_StateFilter_IsASelectOfWorkflowStatesThatKeepsTheChoice()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);

        // Act
        var chosen = await session.Client.GetStringAsync("/Inbox?Scope=Visible&State=reviewing");
        var unknown = await session.Client.GetAsync("/Inbox?Scope=Visible&State=not-a-state");

        // Assert
        Assert.Contains("<select id=\"state\" name=\"State\">", chosen);
        Assert.Contains("<option value=\"reviewing\" selected=\"selected\">처리부서 검토</option>", chosen);
        Assert.Contains("<option value=\"awaiting-supplement\">보완 요구 중</option>", chosen);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("<option value=\"not-a-state\" selected=\"selected\">not-a-state</option>", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InboxPage_Conditions_ComeOpenOnlyWhileOneIsInUse()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);

        // Act
        var plain = await session.Client.GetStringAsync("/Inbox?Q=%EA%B8%B8%EB%8F%99");
        var narrowed = await session.Client.GetStringAsync("/Inbox?Scope=Visible&Overdue=true");

        // Assert
        Assert.Contains("<details class=\"more-filters\" id=\"more-filters\">", plain);
        Assert.DoesNotContain("개 적용", plain);
        Assert.Contains("<details class=\"more-filters\" id=\"more-filters\" open=\"open\">", narrowed);
        Assert.Contains("2개 적용", narrowed);
    }

    /// <summary>A Jongno petition of the "other" workflow with an answer, a breached transfer window and an event type nobody named.</summary>
    private async Task<Petition> PetitionWithEventsAsync()
    {
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, title: "이력 이름 확인");
        var now = app.Time.GetUtcNow();
        db.PetitionEvents.AddRange(
            new PetitionEvent { PetitionId = petition.Id, At = now, Type = MilestoneEventTypes.Transition, ActorName = "김민원", Trigger = "answer", FromState = "received", ToState = "answered", WorkflowVersion = 1 },
            new PetitionEvent { PetitionId = petition.Id, At = now, Type = MilestoneEventTypes.ObligationBreach, ActorName = MilestoneEventTypes.SystemActor, Data = "{\"milestone\":\"transfer-window\",\"action\":\"obligation-overdue\"}", WorkflowVersion = 1 },
            new PetitionEvent { PetitionId = petition.Id, At = now, Type = "mystery-event", ActorName = MilestoneEventTypes.SystemActor, WorkflowVersion = 1 });
        await db.SaveChangesAsync();
        return petition;
    }
}
