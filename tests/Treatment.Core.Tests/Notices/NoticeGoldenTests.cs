using Treatment.Core.Hosting;
using Treatment.Core.Notices;

namespace Treatment.Core.Tests.Notices;

/// <summary>
/// Golden files: each notice template, Korean and English, rendered over <see cref="NoticeModel.Sample"/> and compared
/// byte for byte with the approved output beside this file (approved/&lt;name&gt;.&lt;lang&gt;.txt and .html).
/// To approve a deliberate change: TREATMENT_APPROVE_NOTICES=1 dotnet test, then review the diff before committing.
/// </summary>
public sealed class NoticeGoldenTests
{
    private static readonly string RepositoryRoot = Path.GetDirectoryName(RepositoryFolders.FindUpward("templates", AppContext.BaseDirectory)!)!;
    private static readonly string Approved = Path.Combine(RepositoryRoot, "tests", "Treatment.Core.Tests", "Notices", "approved");
    private static readonly NoticeRenderer Renderer = NoticeRenderer.Load(Path.Combine(RepositoryRoot, "templates"));

    public static TheoryData<string, string> Templates()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "receipt", "supplement-request", "extension", "transfer", "progress", "result", "objection-decision", "merged", "committee-hearing" })
        {
            data.Add(name, "ko");
            data.Add(name, "en");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_SampleModel_MatchesApprovedTextAndHtml(string name, string language)
    {
        var rendered = Renderer.Render("notices/" + name, language, NoticeModel.Sample(language), "ABCD-EFGH-JKMN");

        AssertApproved($"{name}.{language}.txt", rendered.Text);
        AssertApproved($"{name}.{language}.html", rendered.Html);
    }

    [Fact]
    public void Render_ScriptInPetitionTitle_IsEncodedInHtmlAndKeptInText()
    {
        var rendered = Renderer.Render("notices/receipt", "ko", NoticeModel.Sample("ko"), "ABCD-EFGH-JKMN");

        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> 🏠", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Refusal_StatesObjectionWithin60DaysAndAdministrativeAppeal()
    {
        var ko = Renderer.Render("notices/result", "ko", NoticeModel.Sample("ko"), "ABCD-EFGH-JKMN").Text;
        var en = Renderer.Render("notices/result", "en", NoticeModel.Sample("en"), "ABCD-EFGH-JKMN").Text;

        Assert.Contains("60일 이내", ko, StringComparison.Ordinal);
        Assert.Contains("행정심판", ko, StringComparison.Ordinal);
        Assert.Contains("within 60 days", en, StringComparison.Ordinal);
        Assert.Contains("administrative appeal", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Grant_HasNoRemediesParagraph()
    {
        var model = NoticeModel.Sample("ko").Set("result", "refused", false).Set("result", "decision", "인용");

        var text = Renderer.Render("notices/result", "ko", model, "ABCD-EFGH-JKMN").Text;

        Assert.DoesNotContain("60일 이내", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_EveryTemplate_NamesOfficialUnitNameAndContact(string name, string language)
    {
        var text = Renderer.Render("notices/" + name, language, NoticeModel.Sample(language), "ABCD-EFGH-JKMN").Text;

        Assert.Contains("김민원", text, StringComparison.Ordinal);
        Assert.Contains("02-2148-1100", text, StringComparison.Ordinal);
        Assert.Contains(language == "ko" ? "민원여권과" : "Civil Affairs and Passport Division", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TemplateWithUnknownVariable_FailsNamingFileAndLine()
    {
        var folder = CopyTemplates();
        File.WriteAllText(Path.Combine(folder, "notices", "progress.en.sbn"), "line one\n{{ petition.number }}\n{{ nonsense.value }}\n");

        var ex = Assert.Throws<NoticeTemplateException>(() => NoticeRenderer.Load(folder));

        Assert.Contains("progress.en.sbn:3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TemplateThatDoesNotParse_FailsNamingFileAndLine()
    {
        var folder = CopyTemplates();
        File.WriteAllText(Path.Combine(folder, "notices", "transfer.ko.sbn"), "ok\n\n{{ if petition.number }}\nno end\n");

        var ex = Assert.Throws<NoticeTemplateException>(() => NoticeRenderer.Load(folder));

        Assert.Contains("transfer.ko.sbn:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingEnglishVariant_Fails()
    {
        var folder = CopyTemplates();
        File.Delete(Path.Combine(folder, "notices", "extension.en.sbn"));

        var ex = Assert.Throws<NoticeTemplateException>(() => NoticeRenderer.Load(folder));

        Assert.Contains("extension.en.sbn", ex.Message, StringComparison.Ordinal);
    }

    private static string CopyTemplates()
    {
        var folder = Path.Combine(Path.GetTempPath(), "treatment-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "notices"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "templates", "notices")))
        {
            File.Copy(file, Path.Combine(folder, "notices", Path.GetFileName(file)));
        }

        return folder;
    }

    private static void AssertApproved(string fileName, string actual)
    {
        var path = Path.Combine(Approved, fileName);
        if (Environment.GetEnvironmentVariable("TREATMENT_APPROVE_NOTICES") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"no approved output {path}: run with TREATMENT_APPROVE_NOTICES=1 and review it");
        Assert.Equal(File.ReadAllBytes(path), System.Text.Encoding.UTF8.GetBytes(actual));
    }
}
