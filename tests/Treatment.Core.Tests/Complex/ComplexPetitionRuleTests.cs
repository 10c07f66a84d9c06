using Treatment.Core.Clock;
using Treatment.Core.Complex;
using Treatment.Core.Open311;
using Treatment.Core.Tests.Workflows;

namespace Treatment.Core.Tests.Complex;

/// <summary>The consultation standard (policy consultation-due-default) and the Open311 petitioner name (policy open311-petitioner-name).</summary>
public sealed class ComplexPetitionRuleTests
{
    private static readonly IDeadlineCalculator Clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(WorkflowTestData.WorkflowsFolder, "calendar")));

    private static readonly ComplexPetitionRule Rule = ComplexPetitionRule.Load(WorkflowTestData.WorkflowsFolder);

    [Fact]
    public void Load_TheStandardsFile_NamesThreeDaysByDefault()
    {
        // Arrange, act and assert
        Assert.Equal(new TreatmentPeriod(PeriodUnit.Days, 3), Rule.DefaultConsultationPeriod);
        Assert.False(string.IsNullOrEmpty(Rule.Basis));
    }

    [Fact]
    public void DueFrom_NoPeriodGiven_CountsThreeDaysAsTwentyFourWorkingHours()
    {
        // Arrange: Monday 7 July 2025, 10:00 KST
        var requested = new DateTimeOffset(2025, 7, 7, 10, 0, 0, TimeSpan.FromHours(9));

        // Act
        var due = Rule.DueFrom(requested, null, null, Clock);

        // Assert: 24 working hours later is Thursday 10:00 KST
        Assert.Equal(new DateTimeOffset(2025, 7, 10, 10, 0, 0, TimeSpan.FromHours(9)), due);
    }

    [Fact]
    public void DueFrom_PeriodBeyondThePetitionsDue_IsCappedAtThePetitionsDue()
    {
        // Arrange
        var requested = new DateTimeOffset(2025, 7, 7, 10, 0, 0, TimeSpan.FromHours(9));
        var petitionDue = new DateTimeOffset(2025, 7, 8, 18, 0, 0, TimeSpan.FromHours(9));

        // Act
        var due = Rule.DueFrom(requested, new TreatmentPeriod(PeriodUnit.Days, 5), petitionDue, Clock);

        // Assert
        Assert.Equal(petitionDue, due);
    }

    [Theory]
    [InlineData("길동", "홍", "홍길동")]
    [InlineData("Jane", "Doe", "Jane Doe")]
    [InlineData(null, "홍", "홍")]
    [InlineData(" ", null, null)]
    public void PetitionerName_KoreanFamilyNameFirstWithoutASpace(string? first, string? last, string? expected)
    {
        // Act and assert
        Assert.Equal(expected, Open311Service.PetitionerName(first, last));
    }
}
