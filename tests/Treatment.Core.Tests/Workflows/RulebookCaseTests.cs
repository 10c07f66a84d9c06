using Treatment.Core.Clock;
using Treatment.Core.Workflows;

namespace Treatment.Core.Tests.Workflows;

/// <summary>Rulebook §14 cases #21, #38, #39, #40 on the shipped definitions.</summary>
public sealed class RulebookCaseTests
{
    private static readonly WorkflowDefinition Inquisitive = WorkflowTestData.Catalog.Latest("inquisitive");
    private static readonly WorkflowRole[] Official = [WorkflowRole.Official];

    private static FireOutcome Extend(int extensionDays, int extensionsSoFar, bool? consent)
    {
        var facts = WorkflowTestData.Facts(Inquisitive, "reviewing", f => f with
        {
            SubKind = "statute",
            OriginalPeriod = TreatmentPeriod.Days(14),
            ExtensionCount = extensionsSoFar,
            PetitionerConsentedToSecondExtension = consent == true, // the newest versions read the petitioner's recorded consent
        });
        var inputs = new TriggerInputs { Reason = "법령 해석에 관계 기관 협의 필요", ExtensionDays = extensionDays, Consent = consent };
        return new PetitionMachine(Inquisitive).Fire(facts, "extend", inputs, Official);
    }

    [Fact]
    public void Case21_FirstExtensionOf20DaysOn14DayPeriod_Refused()
    {
        var outcome = Extend(20, extensionsSoFar: 0, consent: null);

        Assert.Equal(WorkflowErrorKind.GuardRefused, outcome.Error?.Kind);
        Assert.Equal("ExtensionWithinOriginalPeriod", outcome.Error!.Guard);
    }

    [Fact]
    public void Case21_FirstExtensionOf14DaysOn14DayPeriod_ExtendsTheClock()
    {
        var outcome = Extend(14, extensionsSoFar: 0, consent: null);

        Assert.True(outcome.Succeeded);
        Assert.Equal(ClockEffectKind.Extend, outcome.Result!.Clock.Kind);
        Assert.Equal(["notices/extension"], outcome.Result.Notices);
    }

    [Fact]
    public void Case21_ThirdExtension_Refused()
    {
        var outcome = Extend(5, extensionsSoFar: 2, consent: true);

        Assert.Equal("AtMostTwoExtensions", outcome.Error?.Guard);
    }

    [Fact]
    public void Case21_SecondExtensionWithoutConsent_Refused()
    {
        var outcome = Extend(5, extensionsSoFar: 1, consent: null);

        Assert.Equal("SecondExtensionRequiresPetitionerConsent", outcome.Error?.Guard);
    }

    [Fact]
    public void Case21_SecondExtensionWithConsent_Accepted()
    {
        Assert.True(Extend(5, extensionsSoFar: 1, consent: true).Succeeded);
    }

    [Theory]
    [InlineData("60d", "30d")]
    [InlineData("30d", "30d")]
    [InlineData("29d", "29d")]
    [InlineData("20d", "20d")]
    [InlineData("3d", "3d")]
    [InlineData("2mo", "30d")]
    [InlineData("4w", "4w")]
    [InlineData("5w", "30d")]
    [InlineData("immediate", "immediate")]
    public void Case38_PriorExaminationPeriod_PetitionPeriodOrAtMost30Days(string petitionPeriod, string expected)
    {
        Assert.True(TreatmentPeriod.TryParse(petitionPeriod, out var period));

        var result = PriorExaminationPeriod.For(period);

        Assert.Equal(expected, result.ToString());
    }

    [Theory]
    [InlineData(1, 2, false)]
    [InlineData(2, 2, false)]
    [InlineData(2, 3, true)]
    [InlineData(3, 4, true)]
    public void Case39_RepeatedPetition_ClosableOnlyAfterTwoResultNoticesAndAThirdFiling(int resultNotices, int filings, bool closable)
    {
        foreach (var id in new[] { "inquisitive", "recommendatory", "grievance", "other" })
        {
            var definition = WorkflowTestData.Catalog.Latest(id);
            var facts = WorkflowTestData.Facts(definition, "received", f => f with { ResultNoticesOnSameMatter = resultNotices, FilingsOnSameMatter = filings });

            var outcome = new PetitionMachine(definition).Fire(facts, "close-as-repeated", new TriggerInputs { Reason = "동일 내용 3회째 제출", Remedies = "행정심판" }, Official);

            Assert.Equal(closable, outcome.Succeeded);
            if (closable)
            {
                Assert.Equal("closed-as-repeated", outcome.Result!.NewState);
            }
            else
            {
                Assert.Equal("RepeatedPetitionClosable", outcome.Error?.Guard);
            }
        }
    }

    [Fact]
    public void Case39_LegalPetition_HasNoRepeatedClosing()
    {
        var legal = WorkflowTestData.Catalog.Latest("legal");

        Assert.DoesNotContain(legal.Transitions, t => t.Guards.Contains("RepeatedPetitionClosable"));
    }

    [Theory]
    [InlineData(5, 4, false)]
    [InlineData(5, 5, true)]
    [InlineData(4, 5, false)]
    [InlineData(12, 7, true)]
    public void Case40_ManyPersonTest_FiveSignersAndFiveHouseholds(int signers, int households, bool manyPerson)
    {
        Assert.Equal(manyPerson, ManyPersonPetition.Qualifies(signers, households));
    }

    [Theory]
    [InlineData(5, 4, false, true)]
    [InlineData(5, 5, false, false)]
    [InlineData(5, 5, true, true)]
    public void Case40_ClosingManyPersonRepeatedPetition_NeedsCommitteeReview(int signers, int households, bool committeeReviewed, bool closable)
    {
        var definition = WorkflowTestData.Catalog.Latest("grievance");
        var facts = WorkflowTestData.Facts(definition, "reviewing", f => f with
        {
            ResultNoticesOnSameMatter = 2,
            FilingsOnSameMatter = 3,
            SignerCount = signers,
            HouseholdCount = households,
            CommitteeReviewed = committeeReviewed,
        });

        var outcome = new PetitionMachine(definition).Fire(facts, "close-as-repeated", new TriggerInputs { Reason = "반복민원", Remedies = "행정심판" }, Official);

        Assert.Equal(closable, outcome.Succeeded);
        if (!closable)
        {
            Assert.Equal("ManyPersonCommitteeReviewed", outcome.Error?.Guard);
        }
    }
}
