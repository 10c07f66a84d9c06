using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Web.Tests.BackOffice;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

/// <summary>사전심사청구 (Act §30) through the intake API: its 30-day cap, its written result and the formal petition's link to it.</summary>
[Collection(AdminCollection.Name)]
public sealed class PriorExaminationApiTests(TreatmentApp app)
{
    private const string SixtyDayAffair = "TEST-PRIOR-60D";

    [Fact]
    public async Task Receive_PriorExaminationOfA60DayAffair_HasA30DayPeriod()
    {
        // Arrange
        await EnsureAffairAsync();

        // Act
        var petition = await ReceiveAsync(app.CreateClient(), PriorExamination());

        // Assert
        Assert.Equal("prior-examination", Str(petition["kind"]));
        Assert.Equal("prior-examination", Str(petition["workflow"]!["id"]));
        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.SingleAsync(p => p.Id == Id(petition));
        Assert.Equal(new TreatmentPeriod(PeriodUnit.Days, 30), stored.Period);
        Assert.Contains("30d", Str(petition["deadlineExplanation"]!["period"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormalPetition_AfterTheWrittenResult_LinksThePriorExaminationAndCarriesItsDocuments()
    {
        // Arrange: a prior examination with a document, notified in writing as possible
        await EnsureAffairAsync();
        var prior = await ReceiveAsync(app.CreateClient(), PriorExamination());
        var official = await OfficialAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await FireAsync(official, Id(prior), "route")).StatusCode);
        var notified = await FireAsync(official, Id(prior), "notify-possible", new { decisionText = "개설 가능" });
        Assert.Equal(HttpStatusCode.OK, notified.StatusCode);
        var result = JsonNode.Parse(await notified.Content.ReadAsStringAsync())!;
        var notice = result["notices"]!.AsArray().Last(n => Str(n!["template"]) == "notices/prior-examination-result")!;
        Assert.Contains("사전심사", Str(notice["text"]), StringComparison.Ordinal);
        Assert.Contains("개설 가능", Str(notice["text"]), StringComparison.Ordinal);
        var formalBody = Legal(SixtyDayAffair, "대규모점포 개설등록 신청");
        formalBody["priorExaminationReceiptNumber"] = Str(prior["receiptNumber"]);

        // Act
        var formal = await ReceiveAsync(app.CreateClient(), formalBody);

        // Assert
        await using var db = app.CreateDbContext();
        var stored = await db.Petitions.SingleAsync(p => p.Id == Id(formal));
        Assert.Equal(Id(prior), stored.PriorExaminationId);
        Assert.Equal(new TreatmentPeriod(PeriodUnit.Days, 60), stored.Period);
        var received = await db.PetitionEvents.SingleAsync(e => e.PetitionId == stored.Id && e.Type == PetitionEventTypes.Received);
        var data = JsonNode.Parse(received.Data!)!;
        Assert.Equal(Str(prior["receiptNumber"]), Str(data["priorExamination"]));
        Assert.Equal("사업계획서.pdf", Str(data["carriedFromPriorExamination"]![0]!["fileName"]));
    }

    [Fact]
    public async Task FormalPetition_NamingAnOpenOrUnknownPriorExamination_IsRejectedOnThatField()
    {
        // Arrange
        await EnsureAffairAsync();
        var open = await ReceiveAsync(app.CreateClient(), PriorExamination());
        var client = app.CreateClient();

        // Act
        var pending = Legal(SixtyDayAffair);
        pending["priorExaminationReceiptNumber"] = Str(open["receiptNumber"]);
        var unknown = Legal(SixtyDayAffair);
        unknown["priorExaminationReceiptNumber"] = "2025-SEOUL-JONGNO-999999";
        var responses = new[] { await client.SendAsync(Intake(pending)), await client.SendAsync(Intake(unknown)) };

        // Assert
        foreach (var response in responses)
        {
            Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
            var problem = await ProblemAsync(response);
            Assert.NotNull(problem["errors"]!["priorExaminationReceiptNumber"]);
        }
    }

    private static JsonObject PriorExamination() => new()
    {
        ["kind"] = "prior-examination",
        ["affairCode"] = SixtyDayAffair,
        ["agencyCode"] = "SEOUL-JONGNO",
        ["title"] = "대규모점포 개설 사전심사",
        ["body"] = "부지 매입 전에 개설 가능 여부를 알고 싶습니다.",
        ["petitioner"] = new JsonObject { ["name"] = "김철수", ["email"] = "kim@example.kr" },
        ["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "사업계획서.pdf", ["contentType"] = "application/pdf", ["size"] = 1200 }),
    };

    private async Task EnsureAffairAsync()
    {
        await using var db = app.CreateDbContext();
        if (!await db.Affairs.AnyAsync(a => a.Code == SixtyDayAffair))
        {
            db.Affairs.Add(new CivilAffair { Code = SixtyDayAffair, NameKo = "시험용 60일 사무", NameEn = "60-day test affair", AgencyLevel = AgencyLevel.Local, PeriodUnit = PeriodUnit.Days, PeriodValue = 60 });
            await db.SaveChangesAsync();
        }
    }
}
