using Treatment.Core.BackOffice;
using Treatment.Core.Tests.Workflows;

namespace Treatment.Core.Tests.BackOffice;

public sealed class StateOptionsTests
{
    [Fact]
    public void From_RepositoryDefinitions_ListsEveryStateOnce()
    {
        // Arrange
        var definitions = WorkflowTestData.Catalog.All;
        var states = definitions.SelectMany(d => d.States).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList();

        // Act
        var options = StateOptions.From(definitions);

        // Assert
        Assert.Equal(states, options.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void From_RepositoryDefinitions_EveryChoiceReadsDifferentlyInKoreanAndEnglish()
    {
        // Act
        var options = StateOptions.From(WorkflowTestData.Catalog.All);

        // Assert
        Assert.Equal(options.Count, options.Select(o => o.Title.Ko).Distinct().Count());
        Assert.Equal(options.Count, options.Select(o => o.Title.En).Distinct().Count());
        Assert.Equal("처리부서 검토", options.Single(o => o.Name == "reviewing").Title.Ko);
        Assert.Contains("법정민원", options.Single(o => o.Name == "closed").Title.Ko);
    }

    [Fact]
    public void From_RepositoryDefinitions_OpenStatesComeBeforeTerminalOnes()
    {
        // Act
        var options = StateOptions.From(WorkflowTestData.Catalog.All);

        // Assert
        var firstTerminal = options.ToList().FindIndex(o => o.Terminal);
        Assert.True(firstTerminal > 0);
        Assert.All(options.Skip(firstTerminal), o => Assert.True(o.Terminal));
        Assert.False(options.Single(o => o.Name == "received").Terminal);
        Assert.True(options.Single(o => o.Name == "withdrawn").Terminal);
    }
}
