using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Hosting;

namespace Treatment.Core.Tests.Foundation;

public sealed class AffairsCatalogImporterTests
{
    private static string StandardsFolder =>
        Path.Combine(RepositoryFolders.FindUpward("workflows", AppContext.BaseDirectory)!, "standards");

    [Fact]
    public void Load_RepositoryCatalogue_LoadsEveryRowAndReportsTheThreeWithoutOnePeriod()
    {
        var import = AffairsCatalogImporter.Load(StandardsFolder);

        Assert.Equal(59, import.Affairs.Count);
        Assert.Equal(["BLD-PERMIT", "HEALTH-CHECK-CERT", "WEL-DISABILITY-REG"], import.Problems.Select(p => p.Code).Order().ToArray());
        var buildingPermit = import.Affairs.Single(a => a.Code == "BLD-PERMIT");
        Assert.Null(buildingPermit.Period);
        Assert.Equal("2-70 days", buildingPermit.PeriodNote);
    }

    [Fact]
    public void Load_RepositoryCatalogue_ParsesPeriodsAndKeepsHangul()
    {
        var import = AffairsCatalogImporter.Load(StandardsFolder);

        var idCard = import.Affairs.Single(a => a.Code == "RES-IDCARD-REISSUE");
        Assert.Equal(new TreatmentPeriod(PeriodUnit.Days, 20), idCard.Period);
        Assert.Equal("주민등록증 재발급 신청", idCard.NameKo);
        Assert.Equal(TreatmentPeriod.Immediate, import.Affairs.Single(a => a.Code == "RES-CERT-ISSUE").Period);
        Assert.True(import.Affairs.Single(a => a.Code == "RES-CERT-ISSUE").RequiresResidentNumber);
        Assert.False(import.Affairs.Single(a => a.Code == "BLD-PERMIT").RequiresResidentNumber);
    }

    [Fact]
    public void Parse_RowWithoutCode_ReportedAndSkipped()
    {
        var csv = "code,name_ko,name_en,agency_level,agency_example,period_value,period_unit,required_documents_ko,fee_krw,statute,source\n"
            + ",이름만,Name only,local,,3,days,,0,,src\n"
            + "OK-1,정상,Fine,town,,7,days,,0,,src\n";

        var import = AffairsCatalogImporter.Parse(new StringReader(csv), new HashSet<string>());

        Assert.Equal("OK-1", Assert.Single(import.Affairs).Code);
        Assert.Contains("skipped", Assert.Single(import.Problems).Message, StringComparison.Ordinal);
    }
}
