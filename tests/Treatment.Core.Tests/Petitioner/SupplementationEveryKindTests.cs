using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Tests.Workflows;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Tests.Petitioner;

/// <summary>
/// Supplementation for every kind (Act §22, Decree §§24–25, Rule §9①): periods by the Civil Act (first day excluded,
/// a last day on a Saturday or holiday rolls forward), a re-request of at most 10 days, deemed withdrawal only after
/// two returned requests.
/// </summary>
public sealed class SupplementationEveryKindTests
{
    private static readonly IDeadlineCalculator Clock = new DeadlineCalculator(HolidayCalendarLoader.LoadFolder(Path.Combine(WorkflowTestData.WorkflowsFolder, "calendar")));
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Theory]
    [InlineData("2025-07-07T10:00", 5, "2025-07-14")] // Mon + 5: the 12th is a Saturday, so Monday the 14th
    [InlineData("2025-07-07T10:00", 4, "2025-07-11")] // first day (the 7th) excluded: 8, 9, 10, 11
    [InlineData("2025-09-30T15:00", 5, "2025-10-10")] // ends Sunday 5 Oct; 6–9 Oct are Chuseok, its substitute and Hangul Day
    [InlineData("2025-12-26T09:30", 3, "2025-12-29")] // Fri + 3 ends Monday the 29th (weekend days inside count)
    [InlineData("2026-02-13T11:00", 1, "2026-02-19")] // ends Saturday 14 Feb; Sunday, then Seollal 16–18 Feb
    public void CivilDueFromRequest_FirstDayExcluded_LastDayRollsOverWeekendsAndHolidays(string sentAt, int days, string expected)
    {
        var sent = new DateTimeOffset(DateTime.Parse(sentAt, System.Globalization.CultureInfo.InvariantCulture), Kst);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CivilSupplementDates.From(sent, days, Clock));
    }

    [Theory]
    [InlineData("2025-07-14", 3, "2025-07-17")] // the added period starts the day after the current due, which counts
    [InlineData("2025-07-17", 3, "2025-07-21")] // ends Sunday the 20th: Monday
    public void CivilDueAfterCurrentDue_StartsTheNextDay(string current, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CivilSupplementDates.After(DateOnly.Parse(current, System.Globalization.CultureInfo.InvariantCulture), days, Clock));

    [Theory]
    [InlineData("legal")]
    [InlineData("inquisitive")]
    [InlineData("recommendatory")]
    [InlineData("grievance")]
    [InlineData("other")]
    public void EveryKind_NewestVersion_RequestsSupplementationByCivilDaysAndReceivesWithGuidance(string workflow)
    {
        var definition = WorkflowTestData.Catalog.Latest(workflow);

        var request = definition.Transitions.Single(t => t.Has<SetsCivilSupplementDue>());
        var reRequest = definition.Transitions.Single(t => t.Has<ReRequestsCivilSupplement>());
        var more = definition.Transitions.Single(t => t.Has<ExtendsCivilSupplementDue>());

        Assert.Contains(TriggerInputs.Names.SupplementDays, request.Inputs);
        Assert.Contains(WorkflowRole.Petitioner, more.Roles);
        Assert.Contains("SupplementReRequestWithinLimit", reRequest.Guards);
        Assert.Contains(definition.Transitions, t => t.Has<CountsAsDeemedWithdrawn>() && t.Guards.Contains("SupplementUndeliveredTwice"));
        Assert.Contains(definition.Milestones, m => m.Until.Length > 0 && m.Until[0] == request.Trigger && m.Offset == TreatmentPeriod.Hours(8));
        Assert.Contains(definition.Transitions, t => t.Clock.Kind == ClockEffectKind.Start && t.Notices.Length > 0); // guidance at receipt (Decree §6④)
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void ReRequest_AtMostTenDays(int days, bool allowed)
    {
        var definition = WorkflowTestData.Catalog.Latest("grievance");
        var reRequest = definition.Transitions.Single(t => t.Has<ReRequestsCivilSupplement>());
        var facts = new PetitionFacts { WorkflowId = definition.Id, WorkflowVersion = definition.Version, OriginalPeriod = TreatmentPeriod.Days(7), State = "awaiting-supplement", SupplementPeriodLapsed = true, Now = new DateTimeOffset(2025, 7, 7, 1, 0, 0, TimeSpan.Zero) };

        var outcome = new PetitionMachine(definition).Fire(facts, reRequest.Trigger, new TriggerInputs { Reason = "다시 요청", SupplementDays = days }, [WorkflowRole.Official]);

        Assert.Equal(allowed, outcome.Succeeded);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void DeemedWithdrawal_OnlyAfterTwoReturnedRequests(int undelivered, bool allowed)
    {
        var definition = WorkflowTestData.Catalog.Latest("recommendatory");
        var deem = definition.Transitions.Single(t => t.Has<CountsAsDeemedWithdrawn>());
        var facts = new PetitionFacts { WorkflowId = definition.Id, WorkflowVersion = definition.Version, OriginalPeriod = TreatmentPeriod.Days(7), State = "awaiting-supplement", UndeliveredSupplementRequests = undelivered, Now = new DateTimeOffset(2025, 7, 7, 1, 0, 0, TimeSpan.Zero) };

        var outcome = new PetitionMachine(definition).Fire(facts, deem.Trigger, new TriggerInputs { Reason = "주소 불명 반송 2회" }, [WorkflowRole.Official]);

        Assert.Equal(allowed, outcome.Succeeded);
    }

    [Fact]
    public void RequestThroughTheChangePath_SetsTheCivilDue()
    {
        var definition = WorkflowTestData.Catalog.Latest("inquisitive");
        var request = definition.Transitions.Single(t => t.Has<SetsCivilSupplementDue>());
        var petition = new Petition { ReceiptNumber = "T-1", Title = "질의", Body = "본문", PetitionerName = "홍길동", WorkflowId = definition.Id, WorkflowVersion = definition.Version, State = request.From[0], PeriodUnit = PeriodUnit.Days, PeriodValue = 7, ClockState = ClockState.Running };
        petition.ReceivedAt = new DateTimeOffset(2025, 7, 4, 1, 0, 0, TimeSpan.Zero);
        petition.ClockStartedAt = petition.ReceivedAt;
        var now = new DateTimeOffset(2025, 7, 7, 1, 0, 0, TimeSpan.Zero); // Monday 10:00 KST
        var fired = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, Clock, now), request.Trigger, new TriggerInputs { Reason = "서류 보완", SupplementDays = 5 }, [WorkflowRole.Official]);

        var recorded = new PetitionChange(Clock, null).Fire(petition, definition, fired.Result!, new TriggerInputs { Reason = "서류 보완", SupplementDays = 5 }, new Actor(Guid.NewGuid(), "김민원", new HashSet<string> { "Official" }, 1, 1), now);

        Assert.Null(recorded.Error);
        Assert.Equal(new DateOnly(2025, 7, 14), petition.SupplementDueOn);
        Assert.Equal(ClockState.Paused, petition.ClockState);
    }
}
