using System.Net;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>The inbox and petition pages' assignment forms over a cookie session: own department's queue only, 404 otherwise.</summary>
[Collection(AssignmentCollection.Name)]
public sealed class AssignmentPagesTests(TreatmentApp app)
{
    private readonly AssignmentData _data = new(app);

    [Fact]
    public async Task InboxClaim_OwnDepartment_OpensThePetition_AnotherDepartmentOrAgencyIs404()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var queued = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", title: "화면 claim");
        var building = await BackOfficeSession.SignInAsync(app, "jongno.building", DemoReferenceData.DemoPassword);
        var mapo = await BackOfficeSession.SignInAsync(app, "mapo.official", DemoReferenceData.DemoPassword);
        var official = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);
        var form = new Dictionary<string, string> { ["id"] = queued.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        // Act
        var fromOtherDepartment = await building.PostAsync("/Inbox", "/Inbox?handler=Claim", new(form));
        var fromOtherAgency = await mapo.PostAsync("/Inbox", $"/Petitions/{queued.Id}?handler=Claim", new(form));
        var fromOwn = await official.PostAsync("/Inbox", "/Inbox?handler=Claim", new(form));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, fromOtherDepartment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromOtherAgency.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromOwn.StatusCode);
        Assert.Equal($"/Petitions/{queued.Id}", fromOwn.Headers.Location?.OriginalString);
        Assert.NotNull((await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id)).AssigneeId);
        scope.Dispose();
    }

    [Fact]
    public async Task QueueTab_ShowsOwnDepartmentsQueueOnly_DistributeByAnotherTeamLeadIs404()
    {
        // Arrange
        await _data.OfficialAsync("jongno.buildlead", "SEOUL-JONGNO", "BUILDING", Treatment.Core.Agencies.Roles.Supervisor);
        var (scope, db) = _data.Open();
        var own = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", title: "화면 큐");
        var other = await _data.QueuedAsync(db, "SEOUL-JONGNO", "TAX", title: "화면 큐");
        var official = await BackOfficeSession.SignInAsync(app, "jongno.official", DemoReferenceData.DemoPassword);
        var otherLead = await BackOfficeSession.SignInAsync(app, "jongno.buildlead", DemoReferenceData.DemoPassword);
        var officialId = (await AssignmentData.ActorAsync(db, "jongno.official")).UserId!.Value;

        // Act
        var html = await official.Client.GetStringAsync("/Inbox?Scope=Queue&Q=" + Uri.EscapeDataString("화면 큐"));
        var distribute = await otherLead.PostAsync("/Inbox", "/Inbox?handler=Distribute", new Dictionary<string, string>
        {
            ["ids"] = own.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["assigneeId"] = officialId.ToString(),
        });

        // Assert
        Assert.Contains(own.ReceiptNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.ReceiptNumber, html, StringComparison.Ordinal);
        Assert.Contains("내가 처리", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, distribute.StatusCode);
        Assert.Null((await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == own.Id)).AssigneeId);
        scope.Dispose();
    }

    [Fact]
    public async Task DefaultTab_NothingAssigned_SaysTheQueueHasWorkAndLinksToIt()
    {
        // Arrange
        await _data.OfficialAsync("jongno.newcomer", "SEOUL-JONGNO", "WELFARE");
        var (scope, db) = _data.Open();
        await _data.QueuedAsync(db, "SEOUL-JONGNO", "WELFARE", title: "복지 대기");
        var newcomer = await BackOfficeSession.SignInAsync(app, "jongno.newcomer", DemoReferenceData.DemoPassword);

        // Act
        var html = await newcomer.Client.GetStringAsync("/Inbox");

        // Assert
        Assert.Contains("id=\"queue-waiting\"", html, StringComparison.Ordinal);
        Assert.Contains("부서에 배정을 기다리는 민원이", html, StringComparison.Ordinal);
        Assert.Contains("Scope=Queue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("해당하는 민원이 없습니다", html, StringComparison.Ordinal);
        scope.Dispose();
    }
}
