using Treatment.Core.Hosting;
using Treatment.Core.Petitions;

namespace Treatment.Core.Tests.Petitions;

public sealed class RoutingTableTests
{
    [Fact]
    public void DepartmentCodeFor_LongestPrefixWins()
    {
        var table = new RoutingTable(new Dictionary<string, string> { ["BLD-"] = "BUILDING", ["BLD-DEMO"] = "URBAN" });

        Assert.Equal("BUILDING", table.DepartmentCodeFor("BLD-PERMIT"));
        Assert.Equal("URBAN", table.DepartmentCodeFor("BLD-DEMOLITION"));
    }

    [Fact]
    public void DepartmentCodeFor_UnlistedPrefix_IsNullForThePetitionsOffice()
    {
        var table = new RoutingTable(new Dictionary<string, string> { ["BLD-"] = "BUILDING" });

        Assert.Null(table.DepartmentCodeFor("RES-CERT-ISSUE"));
        Assert.Null(table.DepartmentCodeFor(null));
    }

    [Fact]
    public void Load_RepositoryRoutingFile_RoutesBuildingAndTaxAffairs()
    {
        var table = RoutingTable.Load(RepositoryFolders.FindUpward("workflows", AppContext.BaseDirectory)!);

        Assert.Equal("BUILDING", table.DepartmentCodeFor("BLD-LEDGER-ISSUE"));
        Assert.Equal("TAX", table.DepartmentCodeFor("TAX-PAYMENT-CERT"));
    }
}
