using Treatment.Core.Affairs;
using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

/// <summary>The prior examination kind (Act §30, Decree §34②): its period rule read from workflows/prior-examination/v1.yaml.</summary>
public sealed class PriorExaminationTests
{
    private static readonly WorkflowDefinition Definition = WorkflowTestData.Catalog.Latest(PetitionIntake.WorkflowIdOf(PetitionKind.PriorExamination));

    [Theory]
    [InlineData(60, PeriodUnit.Days, 30, PeriodUnit.Days)]
    [InlineData(30, PeriodUnit.Days, 30, PeriodUnit.Days)]
    [InlineData(29, PeriodUnit.Days, 29, PeriodUnit.Days)]
    [InlineData(20, PeriodUnit.Days, 20, PeriodUnit.Days)]
    [InlineData(3, PeriodUnit.Weeks, 3, PeriodUnit.Weeks)]
    [InlineData(2, PeriodUnit.Months, 30, PeriodUnit.Days)]
    public void Period_AffairOfAPeriod_IsItUnder30DaysElseAtMost30(int value, PeriodUnit unit, int expectedValue, PeriodUnit expectedUnit)
    {
        // Arrange
        var affair = new CivilAffair { Code = "TEST", NameKo = "시험 사무", NameEn = "Test affair", PeriodUnit = unit, PeriodValue = value };
        var request = Request(affair.Code);

        // Act
        var (period, error) = IntakeRules.PeriodFor(Definition, request, affair);

        // Assert
        Assert.Null(error);
        Assert.Equal(new TreatmentPeriod(expectedUnit, expectedValue), period);
    }

    [Fact]
    public void Definition_IsItsOwnKindWithAWrittenResultInKoreanAndEnglish()
    {
        Assert.Equal("prior-examination", Definition.Id);
        Assert.Equal(PeriodRuleKind.PriorExamination, Definition.Period.Kind);
        var results = Definition.Transitions.Where(t => t.To is "judged-possible" or "judged-impossible").ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, t => Assert.Contains("notices/prior-examination-result", t.Notices));
        var templates = Path.Combine(WorkflowTestData.TemplatesFolder, "notices");
        Assert.True(File.Exists(Path.Combine(templates, "prior-examination-result.ko.sbn")));
        Assert.True(File.Exists(Path.Combine(templates, "prior-examination-result.en.sbn")));
    }

    private static IntakeRequest Request(string affairCode) => new()
    {
        Kind = PetitionKind.PriorExamination,
        AffairCode = affairCode,
        AgencyCode = "SEOUL-JONGNO",
        Channel = Channel.Visit,
        Title = "사전심사",
        Body = "본문",
        Petitioner = new PetitionerDetails("홍길동", null, null, null),
    };
}
