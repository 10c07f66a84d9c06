using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Api;

/// <summary>The API applies the back-office scope of the pages to reads, search, notices and reveals, and masks the petitioner.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiScopeTests(TreatmentApp app)
{
    // A Jongno ID-card reissue (with its receipt notice) lands in 민원여권과: its official, and the agency-wide roles, see it; other departments, agencies and analysts do not.
    [Theory]
    [InlineData("jongno.official", true)]
    [InlineData("jongno.supervisor", true)]
    [InlineData("jongno.examiner", true)]
    [InlineData("jongno.admin", true)]
    [InlineData("jongno.building", false)]
    [InlineData("jongno.tax", false)]
    [InlineData("mapo.official", false)]
    [InlineData("mapo.supervisor", false)]
    [InlineData("mois.analyst", false)]
    [InlineData("mois.admin", false)]
    public async Task Get_List_Notices_ByRole_FollowTheBackOfficeScope(string username, bool inScope)
    {
        var marker = "범위" + Guid.NewGuid().ToString("N")[..8];
        var petition = await ReceiveAsync(app.CreateClient(), Legal("RES-IDCARD-REISSUE", marker, "900101-1234567"));
        var client = await OfficialAsync(app, username);

        var get = await client.GetAsync($"/api/v1/petitions/{Id(petition)}");
        var list = JsonNode.Parse(await client.GetStringAsync($"/api/v1/petitions?q={Uri.EscapeDataString(marker)}"))!["items"]!.AsArray();
        var fire = await FireAsync(client, Id(petition), "route");

        Assert.Equal(inScope ? HttpStatusCode.OK : HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(inScope ? 1 : 0, list.Count);
        if (inScope)
        {
            var resource = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
            Assert.NotEmpty(resource["notices"]!.AsArray());
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, fire.StatusCode);
            await ProblemAsync(get);
        }
    }

    [Fact]
    public async Task Get_AndList_MaskNamePhoneEmailAddressAndResidentNumber()
    {
        var body = Grievance("마스킹 " + Guid.NewGuid().ToString("N")[..6]);
        body["petitioner"]!["address"] = "서울특별시 종로구 세종대로 209";
        var petition = await ReceiveAsync(app.CreateClient(), body);
        var legal = await ReceiveAsync(app.CreateClient(), Legal("RES-IDCARD-REISSUE", "재발급", "900101-1234567"));
        var official = await OfficialAsync(app);

        var resource = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions/{Id(petition)}"))!;
        var withNumber = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions/{Id(legal)}"))!;
        var summary = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions?q={Uri.EscapeDataString(Str(petition["receiptNumber"]))}"))!["items"]![0]!;

        var petitioner = resource["petitioner"]!;
        Assert.Equal("홍*동", Str(petitioner["name"]));
        Assert.Equal("*********5678", Str(petitioner["phone"]));
        Assert.Equal("h***@example.kr", Str(petitioner["email"]));
        Assert.Equal("서울특별시 종로구 ***", Str(petitioner["address"]));
        Assert.Equal("900101-1******", Str(withNumber["petitioner"]!["residentNumber"]));
        Assert.Equal("홍*동", Str(summary["petitionerName"]));
        Assert.DoesNotContain("1234-5678", resource.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hong@", resource.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("*********5678", Str(petition["petitioner"]!["phone"]));
    }

    [Theory]
    [InlineData("jongno.official", HttpStatusCode.OK)]
    [InlineData("jongno.supervisor", HttpStatusCode.OK)]
    [InlineData("jongno.examiner", HttpStatusCode.OK)]
    [InlineData("jongno.admin", HttpStatusCode.Forbidden)]
    [InlineData("jongno.building", HttpStatusCode.NotFound)]
    [InlineData("mapo.official", HttpStatusCode.NotFound)]
    [InlineData("mois.analyst", HttpStatusCode.NotFound)]
    public async Task RevealPersonalData_ByRole_IsScopedAndEveryRevealIsAudited(string username, HttpStatusCode expected)
    {
        var petition = await ReceiveAsync(app.CreateClient(), Legal("RES-IDCARD-REISSUE", "재발급", "900101-1234567"));
        var client = await OfficialAsync(app, username);

        var response = await client.PostAsJsonAsync($"/api/v1/petitions/{Id(petition)}/personal-data", new { reason = "본인 확인" });

        Assert.Equal(expected, response.StatusCode);
        await using var db = app.CreateDbContext();
        var audited = await db.PetitionEvents.CountAsync(e => e.PetitionId == Id(petition) && e.Type == "revealed-personal-data");
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, audited);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("900101-1234567", Str(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["residentNumber"]));
        }
    }
}
