using Treatment.Core.Clock;
using Treatment.Core.Hosting;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;

namespace Treatment.Core.Tests.Reports;

public sealed class RollupWriterTests
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private static readonly DeadlineCalculator Clock = new(HolidayCalendarLoader.LoadFolder(
        Path.Combine(RepositoryFolders.FindUpward("workflows", AppContext.BaseDirectory)!, "calendar")));

    private static Petition Immediate(DateTimeOffset received) => new()
    {
        ReceiptNumber = "2025-T-000001",
        Kind = PetitionKind.Other,
        Channel = Channel.Visit,
        Title = "t",
        Body = "b",
        PetitionerName = "홍길동",
        ArrivedAt = received,
        ReceivedAt = received,
        AgencyId = 1,
        WorkflowId = "other",
        WorkflowVersion = 2,
        State = "answered",
        PeriodUnit = PeriodUnit.Immediate,
        DueAt = Clock.Compute(received, TreatmentPeriod.Immediate).GetValueOrThrow().Due,
    };

    private static PetitionEvent Answer(DateTimeOffset at) => new() { At = at, Type = "transition", ActorName = "담당자", Trigger = "answer", FromState = "received", ToState = "answered" };

    [Fact]
    public void Facts_DecidedOneWorkingHourAfterTheDue_IsLate()
    {
        // Arrange: received Friday 2025-03-07 16:00 KST; immediate = 3 working hours → due Monday 10:00 (Decree §19).
        var petition = Immediate(new DateTimeOffset(2025, 3, 7, 16, 0, 0, Kst));
        var due = petition.DueAt!.Value;
        var writer = new RollupWriter(Clock.Calendar, Treatment.Core.Tests.Workflows.WorkflowTestData.Catalog);

        // Act
        var late = writer.Facts(petition, Answer(due.AddHours(1)), closesPetition: true);
        var onTime = writer.Facts(petition, Answer(due), closesPetition: true);

        // Assert
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 10, 0, 0, Kst), due);
        Assert.Contains(late, f => f.Measure == RollupMeasures.DecidedLate);
        Assert.DoesNotContain(late, f => f.Measure == RollupMeasures.DecidedOnTime);
        Assert.Contains(onTime, f => f.Measure == RollupMeasures.DecidedOnTime);
    }

    [Fact]
    public void TreatmentWorkingDays_FridayToMondayAcrossAWeekend_IsOne()
    {
        var writer = new RollupWriter(Clock.Calendar, Treatment.Core.Tests.Workflows.WorkflowTestData.Catalog);

        var days = writer.TreatmentWorkingDays(new DateTimeOffset(2025, 3, 7, 16, 0, 0, Kst), new DateTimeOffset(2025, 3, 10, 9, 30, 0, Kst));

        Assert.Equal(1, days);
    }

    [Fact]
    public void TreatmentWorkingDays_AcrossSeollal_SkipsTheHolidays()
    {
        // 2025-01-27 (temporary holiday) to 2025-01-30 are holidays; Friday 24 → Friday 31 is one working day.
        var writer = new RollupWriter(Clock.Calendar, Treatment.Core.Tests.Workflows.WorkflowTestData.Catalog);

        var days = writer.TreatmentWorkingDays(new DateTimeOffset(2025, 1, 24, 10, 0, 0, Kst), new DateTimeOffset(2025, 1, 31, 10, 0, 0, Kst));

        Assert.Equal(1, days);
    }

    [Fact]
    public void Merge_SameKey_SumsCountAndTotal()
    {
        var a = new PetitionRollup { AgencyId = 1, Month = new DateOnly(2025, 1, 1), Kind = "Legal", Channel = "", Measure = "x", Label = "", Count = 1, Total = 3 };
        var b = new PetitionRollup { AgencyId = 1, Month = new DateOnly(2025, 1, 1), Kind = "Legal", Channel = "", Measure = "x", Label = "", Count = 1, Total = 4 };

        var merged = RollupWriter.Merge([a, b]);

        Assert.Equal((2L, 7L), (merged.Single().Count, merged.Single().Total));
    }
}
