using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Packages;

/// <summary>
/// Packages (decision 021): one application, a child petition per affair at two agencies on their own workflows and
/// clocks, the package's state derived from them; the sibling grant shows another agency the shared part only.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageTests(TreatmentApp app)
{
    private static JsonObject TwoAgencyApplication(string code) => new()
    {
        ["packageCode"] = code,
        ["petitioner"] = new JsonObject { ["name"] = "이사람", ["phone"] = "010-2222-3333", ["email"] = "move@example.kr", ["residentNumber"] = "900101-1234567" },
        ["items"] = new JsonArray(
            new JsonObject { ["affairCode"] = "PASSPORT-ISSUE", ["agencyCode"] = "SEOUL-JONGNO" },
            new JsonObject { ["affairCode"] = "BLD-LEDGER-CHANGE", ["agencyCode"] = "SEOUL-MAPO", ["body"] = "마포구 건축물대장 소유자 주소 변경" }),
    };

    private async Task<string> DefineTwoAgencyPackageAsync()
    {
        var admin = await OfficialAsync(app, "mois.admin");
        var code = "TWO-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var saved = await admin.PutAsJsonAsync($"/api/v1/package-definitions/{code}", new
        {
            nameKo = "두 기관 묶음",
            nameEn = "Two-agency package",
            affairCodes = new[] { "PASSPORT-ISSUE", "BLD-LEDGER-CHANGE" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return code;
    }

    private async Task<JsonObject> ApplyAsync(string code)
    {
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/packages") { Content = JsonContent.Create(TwoAgencyApplication(code)) };
        request.Headers.Add("X-Api-Key", ChannelKey);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string receipt)
    {
        var response = await client.GetAsync($"/api/v1/packages/{receipt}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Child(JsonObject package, int position) => package["children"]!.AsArray().Single(c => c!["position"]!.GetValue<int>() == position)!.AsObject();

    [Fact]
    public async Task TwoAgencyPackage_ChildrenRunAndFinishOnTheirOwnClocks_AndThePackageStateFollows()
    {
        // Arrange
        var code = await DefineTwoAgencyPackageAsync();
        var filed = await ApplyAsync(code);
        var receipt = Str(filed["receiptNumber"]);
        var jongno = await OfficialAsync(app, "jongno.official");
        var mapo = await OfficialAsync(app, "mapo.building");
        var passport = Child(await GetAsync(jongno, receipt), 0);
        var ledger = Child(await GetAsync(mapo, receipt), 1);
        var passportId = passport["petitionId"]!.GetValue<long>();
        var ledgerId = ledger["petitionId"]!.GetValue<long>();
        var passportPetition = JsonNode.Parse(await jongno.GetStringAsync($"/api/v1/petitions/{passportId}"))!.AsObject();
        var ledgerPetition = JsonNode.Parse(await mapo.GetStringAsync($"/api/v1/petitions/{ledgerId}"))!.AsObject();

        // Act: the passport is decided at Jongno; time passes the ledger's due at Mapo; then Mapo decides it
        var received = await GetAsync(jongno, receipt);
        (await FireAsync(jongno, passportId, "route")).EnsureSuccessStatusCode();
        (await FireAsync(jongno, passportId, "grant", new { decisionText = "여권을 발급합니다." })).EnsureSuccessStatusCode();
        var partly = await GetAsync(mapo, receipt);
        app.Time.SetUtcNow(DateTimeOffset.Parse(Str(ledgerPetition["due"])).AddHours(1));
        jongno = await OfficialAsync(app, "jongno.official"); // tokens last an hour of the moved clock
        mapo = await OfficialAsync(app, "mapo.building");
        var late = await GetAsync(jongno, receipt);
        (await FireAsync(mapo, ledgerId, "route")).EnsureSuccessStatusCode();
        (await FireAsync(mapo, ledgerId, "grant", new { decisionText = "소유자 주소를 변경했습니다." })).EnsureSuccessStatusCode();
        var done = await GetAsync(mapo, receipt);

        // Assert: one package receipt number over two children with their own receipt numbers, agencies and dues
        Assert.Matches(@"^\d{4}-PKG-\d{6}$", receipt);
        Assert.False(string.IsNullOrEmpty(Str(filed["lookupCode"])));
        Assert.Equal("received", Str(filed["state"]));
        Assert.Contains("-SEOUL-JONGNO-", Str(passportPetition["receiptNumber"]), StringComparison.Ordinal);
        Assert.Contains("-SEOUL-MAPO-", Str(ledgerPetition["receiptNumber"]), StringComparison.Ordinal);
        Assert.Equal(Str(passportPetition["due"]), Str(Child(received, 0)["due"]));
        Assert.Equal(Str(ledgerPetition["due"]), Str(Child(received, 1)["due"]));
        Assert.True(DateTimeOffset.Parse(Str(passportPetition["due"])) < DateTimeOffset.Parse(Str(ledgerPetition["due"]))); // 4 days against 7
        Assert.Equal("received", Str(received["state"]));
        Assert.False(received["anyOverdue"]!.GetValue<bool>());
        Assert.Equal("partly-decided", Str(partly["state"]));
        Assert.True(Child(partly, 0)["finished"]!.GetValue<bool>());
        Assert.False(Child(partly, 1)["finished"]!.GetValue<bool>());
        Assert.Equal("partly-decided", Str(late["state"]));
        Assert.True(late["anyOverdue"]!.GetValue<bool>());
        Assert.True(Child(late, 1)["overdue"]!.GetValue<bool>());
        Assert.False(Child(late, 0)["overdue"]!.GetValue<bool>());
        Assert.Equal("all-decided", Str(done["state"]));
        Assert.False(done["anyOverdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SiblingGrant_AnotherAgencySeesTheSharedPartOnly_AndNothingElse()
    {
        // Arrange
        var filed = await ApplyAsync(await DefineTwoAgencyPackageAsync());
        var receipt = Str(filed["receiptNumber"]);
        var mapo = await OfficialAsync(app, "mapo.building");
        var jongno = await OfficialAsync(app, "jongno.official");
        var passportId = Child(await GetAsync(jongno, receipt), 0)["petitionId"]!.GetValue<long>();

        // Act: Mapo's official reads the package, then tries Jongno's child itself
        var seenByMapo = await GetAsync(mapo, receipt);
        var petition = await mapo.GetAsync($"/api/v1/petitions/{passportId}");
        var claim = await mapo.PostAsJsonAsync($"/api/v1/petitions/{passportId}/assignment", new { action = "claim" });
        var reveal = await mapo.PostAsJsonAsync($"/api/v1/petitions/{passportId}/personal-data", new { reason = "확인" });
        var action = await FireAsync(mapo, passportId, "route");

        // Assert: the sibling's shared part (title, state, due, where), no id, no receipt number, no petitioner
        var sibling = Child(seenByMapo, 0);
        Assert.False(sibling["mine"]!.GetValue<bool>());
        Assert.Null(sibling["petitionId"]);
        Assert.Null(sibling["receiptNumber"]);
        Assert.Equal("두 기관 묶음: 여권 발급(일반 전자여권)", Str(sibling["title"]));
        Assert.Equal("received", Str(sibling["state"]));
        Assert.NotNull(sibling["due"]);
        Assert.Equal("SEOUL-JONGNO", Str(sibling["agencyCode"]));
        Assert.True(Child(seenByMapo, 1)["mine"]!.GetValue<bool>());
        Assert.Equal("이*람", Str(seenByMapo["petitioner"]));
        Assert.DoesNotContain("010-2222-3333", seenByMapo.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1234567", seenByMapo.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, petition.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, action.StatusCode);
    }

    [Fact]
    public async Task PetitionPage_ShowsThePackagePanel_WithTheSiblingsSharedPartOnly()
    {
        // Arrange
        var receipt = Str((await ApplyAsync(await DefineTwoAgencyPackageAsync()))["receiptNumber"]);
        var passportId = Child(await GetAsync(await OfficialAsync(app, "jongno.official"), receipt), 0)["petitionId"]!.GetValue<long>();
        var ledgerId = Child(await GetAsync(await OfficialAsync(app, "mapo.building"), receipt), 1)["petitionId"]!.GetValue<long>();
        var mapo = await Treatment.Web.Tests.BackOffice.BackOfficeSession.SignInAsync(app, "mapo.building", Treatment.Core.Persistence.Seeding.DemoReferenceData.DemoPassword);
        var tax = await Treatment.Web.Tests.BackOffice.BackOfficeSession.SignInAsync(app, "jongno.tax", Treatment.Core.Persistence.Seeding.DemoReferenceData.DemoPassword);

        // Act
        var own = await mapo.Client.GetStringAsync($"/Petitions/{ledgerId}");
        var sibling = await mapo.Client.GetAsync($"/Petitions/{passportId}");
        var otherDepartment = await tax.Client.GetAsync($"/Petitions/{passportId}");

        // Assert: the panel names the package and the sibling's title, links only the reader's own child
        Assert.Contains(receipt, own, StringComparison.Ordinal);
        Assert.Contains("id=\"package\"", own, StringComparison.Ordinal);
        Assert.Contains("여권 발급(일반 전자여권)", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Petitions/{ledgerId}\"", own, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/Petitions/{passportId}\"", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDepartment.StatusCode);
    }

    [Theory]
    [InlineData("jongno.official", HttpStatusCode.OK, true, false)]     // Jongno's 민원여권과: its child in full
    [InlineData("jongno.supervisor", HttpStatusCode.OK, true, false)]   // Jongno's agency: its child in full
    [InlineData("jongno.admin", HttpStatusCode.OK, true, false)]
    [InlineData("mapo.building", HttpStatusCode.OK, false, true)]       // Mapo's 건축과: its child in full
    [InlineData("mapo.supervisor", HttpStatusCode.OK, false, true)]
    [InlineData("jongno.tax", HttpStatusCode.NotFound, false, false)]   // a department with no child
    [InlineData("seoul.official", HttpStatusCode.NotFound, false, false)] // an agency with no child
    [InlineData("mois.analyst", HttpStatusCode.NotFound, false, false)]  // analysts see no petitions
    public async Task GetPackage_PerRole(string user, HttpStatusCode expected, bool firstMine, bool secondMine)
    {
        // Arrange
        var receipt = Str((await ApplyAsync(await DefineTwoAgencyPackageAsync()))["receiptNumber"]);
        var client = await OfficialAsync(app, user);

        // Act
        var response = await client.GetAsync($"/api/v1/packages/{receipt}");

        // Assert
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(firstMine, Child(package, 0)["mine"]!.GetValue<bool>());
            Assert.Equal(secondMine, Child(package, 1)["mine"]!.GetValue<bool>());
        }
        else
        {
            Assert.Equal("https://treatment.example/problems/not-found", Str((await ProblemAsync(response))["type"]));
        }
    }

    [Fact]
    public async Task GetPackage_Anonymous401_FilingChannelSeesEveryChild_UnknownIs404()
    {
        // Arrange
        var receipt = Str((await ApplyAsync(await DefineTwoAgencyPackageAsync()))["receiptNumber"]);
        using var anonymous = app.CreateClient();
        using var channel = app.CreateClient();
        channel.DefaultRequestHeaders.Add("X-Api-Key", ChannelKey);

        // Act
        var none = await anonymous.GetAsync($"/api/v1/packages/{receipt}");
        var filed = await GetAsync(channel, receipt);
        var unknown = await channel.GetAsync("/api/v1/packages/2025-PKG-999999");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.All(filed["children"]!.AsArray(), c => Assert.False(string.IsNullOrEmpty(Str(c!["receiptNumber"]))));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Apply_RefusesAffairsOutsideThePackage_AndAChildTheIntakeRefuses_FilingNothing()
    {
        // Arrange
        var code = await DefineTwoAgencyPackageAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ChannelKey);
        var outside = TwoAgencyApplication(code);
        outside["items"]![1]!["affairCode"] = "BLD-PERMIT";
        var badAgency = TwoAgencyApplication(code);
        badAgency["items"]![1]!["agencyCode"] = "NOWHERE";
        await using var db = app.CreateDbContext();
        var before = db.Petitions.Count();

        // Act
        var refusedOutside = await client.PostAsJsonAsync("/api/v1/packages", outside);
        var refusedAgency = await client.PostAsJsonAsync("/api/v1/packages", badAgency);
        var unknownPackage = await client.PostAsJsonAsync("/api/v1/packages", TwoAgencyApplication("NO-SUCH"));

        // Assert: field errors per item; the first child of the refused application was rolled back with it
        Assert.Equal(HttpStatusCode.BadRequest, refusedOutside.StatusCode);
        Assert.NotNull((await ProblemAsync(refusedOutside))["errors"]!["items[1].affairCode"]);
        Assert.Equal(HttpStatusCode.BadRequest, refusedAgency.StatusCode);
        Assert.NotNull((await ProblemAsync(refusedAgency))["errors"]!["items[1].agencyCode"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownPackage.StatusCode);
        Assert.NotNull((await ProblemAsync(unknownPackage))["errors"]!["packageCode"]);
        Assert.Equal(before, db.Petitions.Count());
    }

    [Theory]
    [InlineData("mois.admin", HttpStatusCode.OK)]
    [InlineData("jongno.admin", HttpStatusCode.Forbidden)]   // an agency's admin: the register serves every agency
    [InlineData("jongno.official", HttpStatusCode.Forbidden)]
    [InlineData("mois.analyst", HttpStatusCode.Forbidden)]
    public async Task SavePackageDefinition_PerRole(string user, HttpStatusCode expected)
    {
        // Arrange
        var client = await OfficialAsync(app, user);

        // Act
        var response = await client.PutAsJsonAsync("/api/v1/package-definitions/ROLE-CHECK", new { nameKo = "역할 확인", nameEn = "Role check", affairCodes = new[] { "RES-CERT-ISSUE", "FAM-REG-CERT" } });

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task SeededPackages_AreListed_ForAnyone()
    {
        // Arrange
        using var anonymous = app.CreateClient();

        // Act
        var list = JsonNode.Parse(await anonymous.GetStringAsync("/api/v1/package-definitions"))!.AsArray();

        // Assert
        var codes = list.Select(d => Str(d!["code"])).ToList();
        Assert.Contains("BIRTH", codes);
        Assert.Contains("MOVING", codes);
        Assert.Contains("RES-MOVEIN-REPORT", list.Single(d => Str(d!["code"]) == "MOVING")!["affairCodes"]!.AsArray().Select(a => Str(a)));
    }
}
