using System.Reflection;
using Treatment.Core.BackOffice;
using Treatment.Core.Jobs;
using Treatment.Core.Tests.Workflows;

namespace Treatment.Core.Tests.BackOffice;

public sealed class CodeTitlesTests
{
    [Fact]
    public void Milestone_EveryMilestoneOfTheWorkflowFiles_HasAKoreanTitle()
    {
        // Arrange
        var names = WorkflowTestData.Catalog.All.SelectMany(d => d.Milestones).Select(m => m.Name).Distinct().ToList();

        // Act
        var untitled = names.Where(n => CodeTitles.Milestone(n).Ko == n).ToList();

        // Assert
        Assert.NotEmpty(names);
        Assert.Empty(untitled);
    }

    [Fact]
    public void EventType_EveryEventTypeTheSweepWrites_HasAKoreanTitle()
    {
        // Arrange
        var types = typeof(MilestoneEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(MilestoneEventTypes.SystemActor))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        // Act
        var untitled = types.Where(t => CodeTitles.EventType(t).Ko == t).ToList();

        // Assert
        Assert.Contains("obligation-breach", types);
        Assert.Empty(untitled);
    }

    [Fact]
    public void Milestone_RepeatedOccurrence_KeepsTheOccurrenceInBothLanguages()
    {
        // Act
        var title = CodeTitles.Milestone("progress-notice@2");

        // Assert
        Assert.Equal("진행상황 통지 (2회차)", title.Ko);
        Assert.Equal("Progress notice (#2)", title.En);
    }

    [Theory]
    [InlineData("no-such-milestone")]
    [InlineData("no-such-milestone@3")]
    public void Milestone_UnknownName_FallsBackToTheCode(string code)
    {
        // Act
        var title = CodeTitles.Milestone(code);

        // Assert
        Assert.Equal(code, title.Ko);
        Assert.Equal(code, title.En);
    }

    [Fact]
    public void EventType_UnknownType_FallsBackToTheCode()
    {
        // Act
        var title = CodeTitles.EventType("mystery-event");

        // Assert
        Assert.Equal(("mystery-event", "mystery-event"), (title.Ko, title.En));
    }

    [Fact]
    public void Trigger_KnownInThePinnedDefinition_TakesItsTitles()
    {
        // Arrange
        var legal = WorkflowTestData.Catalog.Get("legal", 1);

        // Act
        var title = CodeTitles.Trigger(legal, "request-supplement");

        // Assert
        Assert.Equal("보완 요구", title.Ko);
        Assert.Equal("Request supplementation", title.En);
    }

    [Fact]
    public void Trigger_NotInThePinnedDefinition_FindsItInTheCatalogueOrFallsBackToTheCode()
    {
        // Arrange
        var legal = WorkflowTestData.Catalog.Get("legal", 1);

        // Act
        var elsewhere = CodeTitles.Trigger(legal, "start-field-investigation", WorkflowTestData.Catalog);
        var unknown = CodeTitles.Trigger(legal, "no-such-trigger", WorkflowTestData.Catalog);

        // Assert
        Assert.Equal("현지조사 착수", elsewhere.Ko);
        Assert.Equal("no-such-trigger", unknown.Ko);
    }

    [Fact]
    public void State_KnownInTheDefinition_TakesItsTitles()
    {
        // Arrange
        var legal = WorkflowTestData.Catalog.Get("legal", 1);

        // Act
        var title = CodeTitles.State(legal, "awaiting-supplement");

        // Assert
        Assert.Equal("보완 요구 중", title.Ko);
    }
}
