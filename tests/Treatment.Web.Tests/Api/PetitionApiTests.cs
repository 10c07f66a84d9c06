using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class PetitionApiTests(TreatmentApp app)
{
    [Fact]
    public async Task Token_WrongPassword_Returns401Problem()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { username = "jongno.official", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("https://treatment.example/problems/invalid-credentials", Str((await ProblemAsync(response))["type"]));
    }

    [Fact]
    public async Task Token_AfterItExpires_IsRefusedWith401()
    {
        var client = await OfficialAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/petitions?limit=1")).StatusCode);

        app.Time.Advance(TimeSpan.FromMinutes(61));
        var response = await client.GetAsync("/api/v1/petitions?limit=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Get_WithoutToken_Returns401_OtherAgency_Returns404_Unknown_Returns404()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var mapo = await OfficialAsync(app, "mapo.official");

        var anonymous = await app.CreateClient().GetAsync($"/api/v1/petitions/{Id(petition)}");
        var otherAgency = await mapo.GetAsync($"/api/v1/petitions/{Id(petition)}");
        var unknown = await mapo.GetAsync("/api/v1/petitions/987654321");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAgency.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await ProblemAsync(otherAgency);
    }

    [Fact]
    public async Task Get_Official_SeesAllowedActionsForTheirRoles()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);

        var resource = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions/{Id(petition)}"))!;

        var actions = resource["allowedActions"]!.AsArray().Select(a => Str(a!["trigger"])).ToList();
        Assert.Contains("route", actions);
        Assert.Contains("transfer", actions);
        Assert.DoesNotContain("resolve", actions);
    }

    [Fact]
    public async Task Fire_Route_MovesToReviewingAndAppendsTheAuditEvent()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);

        var response = await FireAsync(official, Id(petition), "route");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resource = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("reviewing", Str(resource["state"]));
        var last = resource["timeline"]!.AsArray().Last()!;
        Assert.Equal("route", Str(last["trigger"]));
        Assert.Equal("received", Str(last["from"]));
        Assert.Equal("reviewing", Str(last["to"]));
        Assert.Equal("김민원", Str(last["actor"]));
    }

    [Fact]
    public async Task Fire_PreferReturnMinimal_AnswersWithTheSummaryAndETag()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/petitions/{Id(petition)}/actions/route");
        request.Headers.Add("Prefer", "return=minimal");

        var response = await official.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("reviewing", Str(summary["state"]));
        Assert.False(summary.ContainsKey("timeline"));
        Assert.Equal($"\"{summary["version"]!.GetValue<uint>()}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Fire_TriggerNotAllowedInThisState_Returns409()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);

        var response = await FireAsync(official, Id(petition), "resolve", new { decisionText = "처리함" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("https://treatment.example/problems/illegal-trigger", Str((await ProblemAsync(response))["type"]));
    }

    [Fact]
    public async Task Fire_RoleNotInTheTransition_Returns403()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var examiner = await OfficialAsync(app, "jongno.examiner");

        var response = await FireAsync(examiner, Id(petition), "route");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Fire_MissingRequiredInput_Returns400()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);

        var response = await FireAsync(official, Id(petition), "transfer", new { reason = "소관 아님" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://treatment.example/problems/missing-input", Str((await ProblemAsync(response))["type"]));
    }

    [Fact]
    public async Task Fire_ExtensionLongerThanTheOriginalPeriod_Returns422_WithinIt_MovesTheDueAndIssuesNotice()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);
        await FireAsync(official, Id(petition), "route");

        var tooLong = await FireAsync(official, Id(petition), "extend", new { reason = "현장 확인", extensionDays = 30 });
        var ok = await FireAsync(official, Id(petition), "extend", new { reason = "현장 확인", extensionDays = 5 });

        Assert.Equal((HttpStatusCode)422, tooLong.StatusCode);
        await ProblemAsync(tooLong);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var extended = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!;
        Assert.True(extended["due"]!.GetValue<DateTimeOffset>() > petition["due"]!.GetValue<DateTimeOffset>());
        var notice = extended["notices"]!.AsArray().Single(n => Str(n!["template"]) == "notices/extension")!;
        Assert.Contains("현장 확인", Str(notice["text"]), StringComparison.Ordinal);
        Assert.Contains("김민원", Str(notice["text"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fire_TransferToAnotherAgency_ClosesHereOpensThereAndNotifiesThePetitioner()
    {
        var title = "이송 대상 " + Guid.NewGuid().ToString("N")[..6];
        var petition = await ReceiveAsync(app.CreateClient(), Grievance(title));
        var official = await OfficialAsync(app);

        var response = await FireAsync(official, Id(petition), "transfer", new { transferTarget = "SEOUL-MAPO", reason = "마포구 소관 도로" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var source = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("transferred", Str(source["state"]));
        Assert.False(source["open"]!.GetValue<bool>());
        var notice = Str(source["notices"]!.AsArray().Single(n => Str(n!["template"]) == "notices/transfer")!["text"]);
        Assert.Contains("서울특별시 마포구", notice, StringComparison.Ordinal);
        Assert.Contains("마포구 소관 도로", notice, StringComparison.Ordinal);
        var mapo = await OfficialAsync(app, "mapo.official");
        var page = JsonNode.Parse(await mapo.GetStringAsync($"/api/v1/petitions?q={Uri.EscapeDataString(title)}"))!;
        var arrived = page["items"]!.AsArray().Single()!;
        Assert.StartsWith("2025-SEOUL-MAPO-", Str(arrived["receiptNumber"]), StringComparison.Ordinal);
        Assert.Equal("received", Str(arrived["state"]));
        await using var db = app.CreateDbContext();
        Assert.Equal(Id(petition), (await db.Petitions.SingleAsync(p => p.Id == arrived["id"]!.GetValue<long>())).TransferredFromPetitionId);
    }

    [Fact]
    public async Task Fire_FieldInvestigation_PausesThenResumesTheClock()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);
        await FireAsync(official, Id(petition), "route");

        var start = await FireAsync(official, Id(petition), "start-field-investigation", new { reason = "현장 조사", investigationDays = 5 });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        var paused = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;
        app.Time.Advance(TimeSpan.FromDays(3));
        official = await OfficialAsync(app);
        var end = await FireAsync(official, Id(petition), "end-field-investigation");
        Assert.True(end.IsSuccessStatusCode, await end.Content.ReadAsStringAsync());
        var resumed = JsonNode.Parse(await end.Content.ReadAsStringAsync())!;

        Assert.Equal("paused", Str(paused["clockState"]));
        Assert.Equal("running", Str(resumed["clockState"]));
        Assert.True(resumed["due"]!.GetValue<DateTimeOffset>() > petition["due"]!.GetValue<DateTimeOffset>());
        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.SingleAsync(p => p.Id == Id(petition));
        Assert.Single(stored.Exclusions);
        Assert.NotNull(stored.Exclusions[0].To);
        Assert.True(stored.ClockGeneration >= 3);
        Assert.NotNull(stored.NextMilestone);
        Assert.True(stored.NextMilestoneAt <= stored.DueAt, "the workflow planner's next milestone is never after the due");
    }

    [Fact]
    public async Task Fire_TwoActionsAtOnce_OneSucceedsOneGets409AndNoEventIsLost()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var first = await OfficialAsync(app);
        var second = await OfficialAsync(app, "jongno.supervisor");

        var responses = await Task.WhenAll(FireAsync(first, Id(petition), "route"), FireAsync(second, Id(petition), "route"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        await using var db = app.CreateDbContext();
        var events = await db.PetitionEvents.Where(e => e.PetitionId == Id(petition)).ToListAsync();
        Assert.Single(events, e => e.Trigger == "route");
        Assert.Equal("reviewing", (await db.Petitions.SingleAsync(p => p.Id == Id(petition))).State);
    }

    [Fact]
    public async Task Fire_StaleIfMatch_Returns409ConcurrentChange()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);
        var staleVersion = petition["version"]!.GetValue<uint>();
        await FireAsync(official, Id(petition), "route");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/petitions/{Id(petition)}/actions/extend")
        {
            Content = JsonContent.Create(new { reason = "r", extensionDays = 2 }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{staleVersion}\""));

        var response = await official.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("https://treatment.example/problems/concurrent-change", Str((await ProblemAsync(response))["type"]));
    }

    [Fact]
    public async Task Fire_MalformedInputs_Returns400()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);

        var response = await official.PostAsync($"/api/v1/petitions/{Id(petition)}/actions/extend", new StringContent("{\"extensionDays\":\"many\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ProblemAsync(response))["errors"]!["extensionDays"]);
    }

    [Fact]
    public async Task List_TextSearchWithKeysetPaging_WalksEveryMatchOnce()
    {
        var marker = "검색표지" + Guid.NewGuid().ToString("N")[..6];
        var intake = app.CreateClient();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await ReceiveAsync(intake, Grievance($"{marker} {i}"))));
        }

        var official = await OfficialAsync(app);
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions?q={Uri.EscapeDataString(marker)}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor)))!;
            seen.AddRange(page["items"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_FiltersByStateKindAndAssignee_AndRefusesBadFilters()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var official = await OfficialAsync(app);
        await FireAsync(official, Id(petition), "route");

        var reviewing = JsonNode.Parse(await official.GetStringAsync("/api/v1/petitions?state=reviewing&kind=grievance&limit=200"))!;
        var bad = await official.GetAsync("/api/v1/petitions?kind=complaint&overdue=maybe&limit=0&cursor=%%%");

        Assert.Contains(reviewing["items"]!.AsArray(), p => p!["id"]!.GetValue<long>() == Id(petition));
        Assert.All(reviewing["items"]!.AsArray(), p => Assert.Equal("reviewing", Str(p!["state"])));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ProblemAsync(bad))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("kind") && errors.ContainsKey("overdue") && errors.ContainsKey("limit"));
    }

    [Fact]
    public async Task List_OtherAgencysPetitions_AreNotListed()
    {
        var marker = "기관범위" + Guid.NewGuid().ToString("N")[..6];
        await ReceiveAsync(app.CreateClient(), Grievance(marker));
        var mapo = await OfficialAsync(app, "mapo.official");

        var page = JsonNode.Parse(await mapo.GetStringAsync($"/api/v1/petitions?q={Uri.EscapeDataString(marker)}"))!;

        Assert.Empty(page["items"]!.AsArray());
    }

    [Fact]
    public async Task Reassign_Supervisor_MovesAssigneeAndAudits_OfficialIsForbidden()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Grievance());
        var supervisor = await OfficialAsync(app, "jongno.supervisor");
        var official = await OfficialAsync(app);
        await using var db = app.CreateDbContext();
        var building = await db.Users.SingleAsync(u => u.UserName == "jongno.building");

        var forbidden = await official.PostAsJsonAsync("/api/v1/petitions/reassign", new { petitionIds = new[] { Id(petition) }, assigneeId = building.Id });
        var ok = await supervisor.PostAsJsonAsync("/api/v1/petitions/reassign", new { petitionIds = new[] { Id(petition) }, assigneeId = building.Id, reason = "건축 관련" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using var check = app.CreateDbContext();
        var stored = await check.Petitions.SingleAsync(p => p.Id == Id(petition));
        Assert.Equal(building.Id, stored.AssigneeId);
        Assert.Equal(building.DepartmentId, stored.DepartmentId);
        Assert.True(await check.PetitionEvents.AnyAsync(e => e.PetitionId == Id(petition) && e.Type == "reassigned" && e.Reason == "건축 관련"));
    }

    [Fact]
    public async Task RevealPersonalData_Official_SeesTheNumberAndTheRevealIsLogged_AdminIsForbidden()
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("RES-IDCARD-REISSUE", "재발급", "900101-1234567"));
        var official = await OfficialAsync(app);
        var admin = await OfficialAsync(app, "jongno.admin");

        var revealed = await official.PostAsJsonAsync($"/api/v1/petitions/{Id(petition)}/personal-data", new { reason = "본인 확인" });
        var refused = await admin.PostAsJsonAsync($"/api/v1/petitions/{Id(petition)}/personal-data", new { reason = "궁금함" });

        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("900101-1234567", Str(JsonNode.Parse(await revealed.Content.ReadAsStringAsync())!["residentNumber"]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.PetitionEvents.CountAsync(e => e.PetitionId == Id(petition) && e.Type == "revealed-personal-data"));
    }
}
