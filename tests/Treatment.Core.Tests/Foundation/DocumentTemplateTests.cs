using System.Security.Cryptography;
using System.Text;
using Treatment.Core.Affairs;
using Treatment.Core.Documents;
using Treatment.Core.Hosting;

namespace Treatment.Core.Tests.Foundation;

/// <summary>The standards name document templates that exist; a rendered document is encoded, and its signed part is what the seal covers.</summary>
public sealed class DocumentTemplateTests
{
    private static string Root(string folder) => RepositoryFolders.FindUpward(folder, AppContext.BaseDirectory)!;

    [Fact]
    public void Standards_NameTheDocumentOfTheIssuanceAffairs_AndNoneForReports()
    {
        var affairs = AffairsCatalogImporter.Load(Path.Combine(Root("workflows"), "standards")).Affairs.ToDictionary(a => a.Code);
        var renderer = DocumentRenderer.Load(Root("templates"));

        Assert.Equal("documents/resident-registration", affairs["RES-CERT-ISSUE"].DocumentTemplate);
        Assert.Equal("documents/building-register", affairs["BLD-LEDGER-ISSUE"].DocumentTemplate);
        Assert.Equal("documents/land-register", affairs["LAND-LEDGER-ISSUE"].DocumentTemplate);
        Assert.Null(affairs["RES-MOVEIN-REPORT"].DocumentTemplate);
        Assert.All(affairs.Values.Where(a => a.DocumentTemplate is not null), a => Assert.True(renderer.Has(a.DocumentTemplate!), a.DocumentTemplate));
    }

    [Fact]
    public void RenderSigned_EncodesValues_AndThePageCarriesTheSignedPartBetweenItsMarks()
    {
        var renderer = DocumentRenderer.Load(Root("templates"));
        var sample = DocumentModel.Sample();
        var sections = sample.Sections.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, string?>)s.Value.ToDictionary(v => v.Key, v => v.Value));
        ((Dictionary<string, string?>)sections["content"])["body"] = "<script>alert(1)</script>";

        var signed = renderer.RenderSigned("documents/resident-registration", new DocumentModel(sections));
        var page = DocumentRenderer.Page("주민등록표", signed, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed))), "sig", "key", "2026-00000001");

        Assert.DoesNotContain("<script>", signed, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", signed, StringComparison.Ordinal);
        Assert.Equal(signed, DocumentRenderer.SignedPartOf(page));
        Assert.Contains("data-issue-number=\"2026-00000001\"", signed, StringComparison.Ordinal);
        Assert.Contains("@media print", page, StringComparison.Ordinal);
    }
}
