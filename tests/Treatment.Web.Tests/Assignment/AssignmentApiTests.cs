using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Web.Tests.Api;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Assignment;

/// <summary>POST /api/v1/petitions/{id}/assignment and the queue listing: 409 for a taken petition, 404 outside the department.</summary>
[Collection(AssignmentCollection.Name)]
public sealed class AssignmentApiTests(TreatmentApp app)
{
    private readonly AssignmentData _data = new(app);

    [Fact]
    public async Task Claim_ThroughTheApi_SecondClaimIs409AlreadyTaken_OtherDepartmentIs404()
    {
        // Arrange
        await _data.OfficialAsync("jongno.civil2", "SEOUL-JONGNO", "CIVIL");
        var (scope, db) = _data.Open();
        var queued = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", title: "API 배정");
        var first = await ApiClient.OfficialAsync(app, "jongno.official");
        var second = await ApiClient.OfficialAsync(app, "jongno.civil2");
        var building = await ApiClient.OfficialAsync(app, "jongno.building");
        var mapo = await ApiClient.OfficialAsync(app, "mapo.official");

        // Act
        var outsider = await building.PostAsJsonAsync($"/api/v1/petitions/{queued.Id}/assignment", new { action = "claim" });
        var otherAgency = await mapo.PostAsJsonAsync($"/api/v1/petitions/{queued.Id}/assignment", new { action = "claim" });
        var won = await first.PostAsJsonAsync($"/api/v1/petitions/{queued.Id}/assignment", new { action = "claim" });
        var lost = await second.PostAsJsonAsync($"/api/v1/petitions/{queued.Id}/assignment", new { action = "claim" });

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAgency.StatusCode);
        Assert.Equal(HttpStatusCode.OK, won.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        var problem = await ApiClient.ProblemAsync(lost);
        Assert.Equal("already-taken", ApiClient.Str(problem["code"]));
        Assert.Contains("이미 다른 담당자", ApiClient.Str(problem["detailKo"]), StringComparison.Ordinal);
        scope.Dispose();
    }

    [Fact]
    public async Task Assignment_ReleaseWithoutReasonOrUnknownAction_Is400WithFieldErrors_ReleaseWithReasonIs200()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var official = await AssignmentData.ActorAsync(db, "jongno.official");
        var mine = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", assignee: official.UserId);
        var client = await ApiClient.OfficialAsync(app, "jongno.official");

        // Act
        var unknown = await client.PostAsJsonAsync($"/api/v1/petitions/{mine.Id}/assignment", new { action = "steal" });
        var noReason = await client.PostAsJsonAsync($"/api/v1/petitions/{mine.Id}/assignment", new { action = "release" });
        var released = await client.PostAsJsonAsync($"/api/v1/petitions/{mine.Id}/assignment", new { action = "release", reason = "다른 업무로 반납" });

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await ApiClient.ProblemAsync(unknown))["errors"]!["action"]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await ApiClient.ProblemAsync(noReason))["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Null((await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == mine.Id)).AssigneeId);
        scope.Dispose();
    }

    [Fact]
    public async Task Assign_TeamLeadThroughTheApi_GivesItToAnOfficialOfTheDepartment()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var queued = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL");
        var official = await AssignmentData.ActorAsync(db, "jongno.official");
        var lead = await ApiClient.OfficialAsync(app, "jongno.supervisor");

        // Act
        var response = await lead.PostAsJsonAsync($"/api/v1/petitions/{queued.Id}/assignment", new { action = "assign", assigneeId = official.UserId });

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(official.UserId, (await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == queued.Id)).AssigneeId);
        scope.Dispose();
    }

    [Fact]
    public async Task Queue_ThroughTheApi_ListsOwnDepartmentOnlyWithFiltersAndCounts_BadFilterIs400()
    {
        // Arrange
        var (scope, db) = _data.Open();
        var own = await _data.QueuedAsync(db, "SEOUL-JONGNO", "CIVIL", title: "API 큐 목록");
        var other = await _data.QueuedAsync(db, "SEOUL-JONGNO", "BUILDING", title: "API 큐 목록");
        var client = await ApiClient.OfficialAsync(app, "jongno.official");

        // Act
        var queue = JsonNode.Parse(await client.GetStringAsync("/api/v1/queue?limit=200"))!;
        var searched = JsonNode.Parse(await client.GetStringAsync("/api/v1/inbox?tab=queue&q=" + Uri.EscapeDataString("API 큐") + "&kind=other"))!;
        var bad = await client.GetAsync("/api/v1/inbox?tab=everything&dueBefore=tomorrow");

        // Assert
        foreach (var page in new[] { queue, searched })
        {
            var ids = page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
            Assert.Contains(own.Id, ids);
            Assert.DoesNotContain(other.Id, ids);
        }

        Assert.True(queue["counts"]!["queue"]!.GetValue<int>() >= 1);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ApiClient.ProblemAsync(bad))["errors"]!;
        Assert.NotNull(errors["tab"]);
        Assert.NotNull(errors["dueBefore"]);
        scope.Dispose();
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheAssignmentOperations()
    {
        // Act
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/openapi/v1.json"))!;

        // Assert
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/petitions/{id}/assignment"]?["post"]);
        Assert.NotNull(paths["/api/v1/queue"]?["get"]);
        Assert.NotNull(paths["/api/v1/inbox"]?["get"]);
    }
}
