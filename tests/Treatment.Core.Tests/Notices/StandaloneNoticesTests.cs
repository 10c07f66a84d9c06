using Treatment.Core.Notices;
using Treatment.Core.Tests.Workflows;

namespace Treatment.Core.Tests.Notices;

/// <summary>The notices sent outside the workflows are named in workflows/standards/notices.yaml, never in code (rule 10).</summary>
public sealed class StandaloneNoticesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("treatment-notices-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_TheShippedFile_NamesTemplatesThatExistInBothLanguages()
    {
        // Act
        var notices = StandaloneNotices.Load(WorkflowTestData.WorkflowsFolder, WorkflowTestData.TemplatesFolder);
        var renderer = NoticeRenderer.Load(WorkflowTestData.TemplatesFolder);

        // Assert
        Assert.Contains(notices.MergedIntoGroup, renderer.Names);
        Assert.Contains(notices.CommitteeHearing, renderer.Names);
    }

    [Fact]
    public void Load_RenamedInTheFile_GivesTheNewName()
    {
        // Arrange: the merge notice renamed in the file, its template copied under the new name
        var workflows = StandardsWith("merged-into-group: notices/joined-group\ncommittee-hearing: notices/committee-hearing\n");
        var templates = TemplatesWith("joined-group", "committee-hearing");

        // Act
        var notices = StandaloneNotices.Load(workflows, templates);

        // Assert
        Assert.Equal("notices/joined-group", notices.MergedIntoGroup);
    }

    [Fact]
    public void Load_NameWithoutTemplate_StopsNamingFileAndLine()
    {
        // Arrange: line 2 names a template that does not exist
        var workflows = StandardsWith("merged-into-group: notices/merged\ncommittee-hearing: notices/hearing-typo\n");
        var templates = TemplatesWith("merged", "committee-hearing");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => StandaloneNotices.Load(workflows, templates));

        // Assert
        Assert.Contains("notices.yaml:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("notices/hearing-typo.ko.sbn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingKey_StopsNamingTheKey()
    {
        // Arrange
        var workflows = StandardsWith("merged-into-group: notices/merged\n");
        var templates = TemplatesWith("merged", "committee-hearing");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => StandaloneNotices.Load(workflows, templates));

        // Assert
        Assert.Contains("'committee-hearing' is required", error.Message, StringComparison.Ordinal);
    }

    private string StandardsWith(string yaml)
    {
        var folder = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(Path.Combine(folder, "standards"));
        File.WriteAllText(Path.Combine(folder, "standards", StandaloneNotices.FileName), yaml);
        return folder;
    }

    private string TemplatesWith(params string[] names)
    {
        var folder = Path.Combine(_folder, "templates");
        Directory.CreateDirectory(Path.Combine(folder, "notices"));
        foreach (var name in names)
        {
            foreach (var language in NoticeRenderer.Languages)
            {
                File.WriteAllText(Path.Combine(folder, "notices", $"{name}.{language}.sbn"), "{{ petition.receipt_number }}");
            }
        }

        return folder;
    }
}
