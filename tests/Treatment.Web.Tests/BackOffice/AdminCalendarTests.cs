using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence.Seeding;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;

namespace Treatment.Web.Tests.BackOffice;

/// <summary>Applying a temporary holiday from the admin calendar: through the calendar applier, audited, central admins only.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminCalendarTests(TreatmentApp app)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private IHolidayCalendar Calendar => app.Services.GetRequiredService<IHolidayCalendar>();

    [Fact]
    public async Task ApplyTemporaryHoliday_CentralAdmin_MovesTheDueAndRecordsWhoAppliedItAndWhy()
    {
        // Arrange
        var petition = await MilestonePetitions.CreateAsync(app, app.Time.GetUtcNow());
        var before = await MilestonePetitions.ReloadAsync(app, petition.Id);
        var holiday = WorkingDayBetween(app.Time.GetUtcNow(), before.DueAt!.Value);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "mois.admin");
        const string reason = "국무회의 의결 (관공서의 공휴일에 관한 규정 §2(11))";

        // Act
        var outcome = await scope.ServiceProvider.GetRequiredService<AdminService>()
            .ApplyTemporaryHolidayAsync(admin, holiday, "임시공휴일", reason, CancellationToken.None);

        // Assert
        Assert.Contains(outcome.Changes, c => c.PetitionId == petition.Id);
        var after = await MilestonePetitions.ReloadAsync(app, petition.Id);
        Assert.True(after.DueAt > before.DueAt);
        Assert.Equal(before.ClockGeneration + 1, after.ClockGeneration);
        Assert.False(Calendar.IsWorkingDay(holiday));
        await using var check = app.CreateDbContext();
        var change = await check.CalendarChanges.SingleAsync(c => c.Id == outcome.ChangeId);
        Assert.Equal((holiday, "임시공휴일", true, reason, admin.UserId), (change.Date, change.NameKo, change.IsHoliday, change.LegalBasis, change.AppliedById));
        var recomputed = (await MilestonePetitions.EventsAsync(app, petition.Id)).Single(e => e.Type == MilestoneEventTypes.DueRecomputed);
        Assert.Equal(admin.UserId, recomputed.ActorId);
        var listed = await scope.ServiceProvider.GetRequiredService<AdminService>().AppliedCalendarChangesAsync(admin, CancellationToken.None);
        Assert.Contains(listed, c => c.Id == outcome.ChangeId && c.AppliedBy == "권운영" && c.PetitionsRecomputed == outcome.Changes.Count);
    }

    [Theory]
    [InlineData("jongno.admin")]
    [InlineData("jongno.supervisor")]
    [InlineData("mois.analyst")]
    public async Task ApplyTemporaryHoliday_NotACentralAdmin_IsRefusedAndNothingIsRecorded(string userName)
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var actor = await BackOfficeSession.ActorAsync(db, userName);
        var changesBefore = await db.CalendarChanges.CountAsync();
        var date = FutureWorkingDay(20);

        // Act
        var refused = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AdminService>()
            .ApplyTemporaryHolidayAsync(actor, date, "임시공휴일", "국무회의 의결", CancellationToken.None));

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
        Assert.Equal(changesBefore, await db.CalendarChanges.CountAsync());
        Assert.True(Calendar.IsWorkingDay(date));
    }

    [Fact]
    public async Task ApplyTemporaryHoliday_BlankReason_IsRejectedOnTheReasonField()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "mois.admin");
        var date = FutureWorkingDay(25);

        // Act
        var refused = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AdminService>()
            .ApplyTemporaryHolidayAsync(admin, date, "임시공휴일", "   ", CancellationToken.None));

        // Assert
        var input = Assert.IsType<BackOfficeInputException>(refused);
        Assert.Equal(["ApplyReason"], input.Errors.Select(e => e.Field));
        Assert.True(Calendar.IsWorkingDay(date));
    }

    [Fact]
    public async Task ApplyTemporaryHoliday_DateAlreadyOff_IsRejectedOnTheDate()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "mois.admin");
        var sunday = Today().AddDays(1);
        while (sunday.DayOfWeek != DayOfWeek.Sunday)
        {
            sunday = sunday.AddDays(1);
        }

        // Act
        var refused = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AdminService>()
            .ApplyTemporaryHolidayAsync(admin, sunday, "임시공휴일", "국무회의 의결", CancellationToken.None));

        // Assert
        var input = Assert.IsType<BackOfficeInputException>(refused);
        Assert.Equal(["ApplyDate"], input.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task CalendarPage_ApplyPostedByADistrictAdmin_Answers403()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "jongno.admin", DemoReferenceData.DemoPassword);
        var date = FutureWorkingDay(30);

        // Act
        var response = await session.PostAsync("/Admin/Calendar", "/Admin/Calendar?handler=Apply", new Dictionary<string, string>
        {
            ["PreviewDate"] = date.ToString("yyyy-MM-dd"),
            ["PreviewName"] = "임시공휴일",
            ["ApplyReason"] = "국무회의 의결",
        });

        // Assert
        Assert.True(session.SignedIn);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(Calendar.IsWorkingDay(date));
    }

    [Fact]
    public async Task WithdrawHoliday_DesignatedEarlier_PreviewFlagsTheDueMovingEarlierAndApplyingMovesItBackAndTellsSupervisors()
    {
        // Arrange: a temporary holiday designated inside the petition's period
        var petition = await MilestonePetitions.CreateAsync(app, app.Time.GetUtcNow());
        var before = await MilestonePetitions.ReloadAsync(app, petition.Id);
        var holiday = WorkingDayBetween(app.Time.GetUtcNow(), before.DueAt!.Value);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<AdminService>();
        var admin = await BackOfficeSession.ActorAsync(db, "mois.admin");
        await service.ApplyTemporaryHolidayAsync(admin, holiday, "임시공휴일 정정 시험", "국무회의 의결", CancellationToken.None);
        var designated = await MilestonePetitions.ReloadAsync(app, petition.Id);

        // Act
        var preview = await service.PreviewHolidayWithdrawalAsync(admin, holiday, CancellationToken.None);
        var outcome = await service.ApplyHolidayWithdrawalAsync(admin, holiday, "지정 착오 정정", preview.Fingerprint, CancellationToken.None);

        // Assert
        Assert.False(preview.IsHoliday);
        Assert.Equal("임시공휴일 정정 시험", preview.Name);
        Assert.Null(preview.CannotApply);
        Assert.True(preview.AllAgenciesChanges >= 1);
        var moved = Assert.Single(outcome.Changes, c => c.PetitionId == petition.Id);
        Assert.True(moved.To < moved.From);
        var after = await MilestonePetitions.ReloadAsync(app, petition.Id);
        Assert.Equal(before.DueAt, after.DueAt);
        Assert.Equal(designated.ClockGeneration + 1, after.ClockGeneration);
        Assert.True(Calendar.IsWorkingDay(holiday));
        await using var check = app.CreateDbContext();
        var change = await check.CalendarChanges.SingleAsync(c => c.Id == outcome.ChangeId);
        Assert.Equal((holiday, false, "지정 착오 정정", admin.UserId), (change.Date, change.IsHoliday, change.LegalBasis, change.AppliedById));
        var told = await check.UserNotifications
            .Where(n => n.PetitionId == petition.Id && n.Kind == CalendarChangeApplier.DueMovedEarlierKind)
            .Select(n => n.UserId).ToListAsync();
        var supervisors = await check.Users
            .Where(u => u.AgencyId == after.AgencyId && u.IsActive && (u.DepartmentId == null || u.DepartmentId == after.DepartmentId)
                && check.UserRoles.Any(ur => ur.UserId == u.Id && check.Roles.Any(r => r.Id == ur.RoleId && r.Name == Core.Agencies.Roles.Supervisor)))
            .Select(u => u.Id).ToListAsync();
        Assert.NotEmpty(supervisors);
        Assert.Equal(supervisors.Order(), told.Order());
    }

    [Fact]
    public async Task WithdrawHoliday_DateIsNoHoliday_IsRejectedOnTheDate()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "mois.admin");
        var date = FutureWorkingDay(35);

        // Act
        var preview = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AdminService>()
            .PreviewHolidayWithdrawalAsync(admin, date, CancellationToken.None));
        var apply = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AdminService>()
            .ApplyHolidayWithdrawalAsync(admin, date, "정정", null, CancellationToken.None));

        // Assert
        Assert.Equal(["PreviewDate"], Assert.IsType<BackOfficeInputException>(preview).Errors.Select(e => e.Field));
        Assert.Equal(["PreviewDate"], Assert.IsType<BackOfficeInputException>(apply).Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task WithdrawHoliday_DistrictAdmin_IsRefusedAndTheHolidayStays()
    {
        // Arrange
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TreatmentDbContext>();
        var admin = await BackOfficeSession.ActorAsync(db, "jongno.admin");
        var holiday = Calendar.Holidays(Today().Year + 1).First(h => h.Date > Today()).Date;

        // Act
        var refused = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AdminService>()
            .ApplyHolidayWithdrawalAsync(admin, holiday, "정정", null, CancellationToken.None));
        var preview = await scope.ServiceProvider.GetRequiredService<AdminService>().PreviewHolidayWithdrawalAsync(admin, holiday, CancellationToken.None);

        // Assert
        Assert.IsType<BackOfficeForbiddenException>(refused);
        Assert.False(Calendar.IsWorkingDay(holiday));
        Assert.NotNull(preview.CannotApply);
    }

    [Fact]
    public async Task CalendarPage_WithdrawalPreview_ListsEveryHolidayFromTodayWithAPreviewAndShowsTheWithdrawalForm()
    {
        // Arrange
        var session = await BackOfficeSession.SignInAsync(app, "mois.admin", DemoReferenceData.DemoPassword);
        var holiday = Calendar.Holidays(Today().Year + 1).First(h => h.Date > Today());

        // Act
        var page = await session.Client.GetStringAsync($"/Admin/Calendar?year={holiday.Date.Year}");
        var response = await session.PostAsync($"/Admin/Calendar?year={holiday.Date.Year}", "/Admin/Calendar?handler=Preview", new Dictionary<string, string>
        {
            ["PreviewDate"] = holiday.Date.ToString("yyyy-MM-dd"),
            ["Withdraw"] = "true",
        });
        var preview = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Contains("철회 검토", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{holiday.Date:yyyy-MM-dd} {holiday.Name} 철회", preview);
        Assert.Contains("공휴일 철회 적용", preview);
        Assert.Contains("name=\"Withdraw\" value=\"true\"", preview);
        Assert.False(Calendar.IsWorkingDay(holiday.Date));
    }

    private DateOnly Today() => DateOnly.FromDateTime(app.Time.GetUtcNow().ToOffset(Kst).DateTime);

    /// <summary>A working day at least <paramref name="days"/> days ahead (each test its own, so none sees another's holiday).</summary>
    private DateOnly FutureWorkingDay(int days)
    {
        var date = Today().AddDays(days);
        while (!Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>A working day after the first and before the last day of the span (KST dates).</summary>
    private DateOnly WorkingDayBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var date = DateOnly.FromDateTime(from.ToOffset(Kst).DateTime).AddDays(1);
        var last = DateOnly.FromDateTime(to.ToOffset(Kst).DateTime);
        while (!Calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        Assert.True(date < last, "the petition's period holds no working day to designate");
        return date;
    }
}
