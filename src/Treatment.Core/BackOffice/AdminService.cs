using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.BackOffice;

public sealed record WorkflowVersionRow(string Id, int Version, LocalizedText Title, string Basis, int States, int Transitions, string ContentHash);

/// <summary>
/// What designating the date would move. <see cref="Changes"/> and <see cref="Failures"/> are the admin's own agency's;
/// <see cref="AllAgenciesChanges"/> counts every agency's for an admin who may apply (the calendar is one for all).
/// <see cref="CannotApply"/> says why the change cannot be applied by this admin or on this date (null: it can).
/// </summary>
public sealed record TemporaryHolidayPreview(
    DateOnly Date,
    string Name,
    IReadOnlyList<DueChange> Changes,
    IReadOnlyList<DueChangeFailure> Failures,
    int? AllAgenciesChanges,
    bool Truncated,
    LocalizedText? CannotApply,
    string? Fingerprint = null,
    bool IsHoliday = true)
{
    /// <summary>Dues of the admin's agency that would move earlier (a holiday withdrawn): supervisors are told when it is applied.</summary>
    public int MovedEarlier => Changes.Count(c => c.To < c.From);
}

/// <summary>A holiday change applied after start-up, as the calendar page lists it.</summary>
public sealed record AppliedCalendarChange(long Id, DateOnly Date, string NameKo, bool IsHoliday, string LegalBasis, DateTimeOffset AppliedAt, string? AppliedBy, int PetitionsRecomputed);

/// <summary>Admin screens: workflow definitions, and the holiday calendar with a change preview and its audited application.</summary>
public sealed class AdminService(
    TreatmentDbContext db, WorkflowCatalog catalog, IHolidayCalendar calendar, CalendarChangeApplier applier, TimeProvider time, ILogger<AdminService> logger)
{
    private const int PreviewLimit = 50_000;

    public IReadOnlyList<WorkflowVersionRow> Workflows(Actor actor)
    {
        actor.Require(Roles.Admin);
        return catalog.All.Select(d => new WorkflowVersionRow(d.Id, d.Version, d.Title, d.Basis, d.States.Length, d.Transitions.Length, d.ContentHash)).ToList();
    }

    public WorkflowDefinition? Workflow(Actor actor, string id, int version)
    {
        actor.Require(Roles.Admin);
        return catalog.TryGet(id, version);
    }

    public IReadOnlyList<WorkflowDiffEntry>? Diff(Actor actor, string id, int from, int to)
    {
        actor.Require(Roles.Admin);
        return catalog.TryGet(id, from) is { } a && catalog.TryGet(id, to) is { } b ? WorkflowDiff.Compare(a, b) : null;
    }

    public IReadOnlyList<Holiday> Holidays(Actor actor, int year)
    {
        actor.Require(Roles.Admin);
        return year >= calendar.FirstDate.Year && year <= calendar.LastDate.Year ? calendar.Holidays(year) : [];
    }

    /// <summary>
    /// True for an admin of a central agency: a temporary holiday is designated by the Government for every agency
    /// (Holiday Reg. §2(11), §4), and applying one recomputes every agency's open petitions, so no district admin may.
    /// </summary>
    public async Task<bool> MayApplyCalendarChangesAsync(Actor actor, CancellationToken ct) =>
        actor.IsInRole(Roles.Admin) && actor.AgencyId is { } agencyId
        && await db.Agencies.AsNoTracking().AnyAsync(a => a.Id == agencyId && a.Level == AgencyLevel.Central, ct);

    /// <summary>
    /// Which open petitions would move if the date became a temporary holiday (Holiday Reg. §2(11)); nothing is written.
    /// Lists the admin's own agency; an admin who may apply also gets the count over every agency.
    /// </summary>
    public Task<TemporaryHolidayPreview> PreviewTemporaryHolidayAsync(Actor actor, DateOnly date, string name, CancellationToken ct) =>
        PreviewHolidayChangeAsync(actor, date, name, isHoliday: true, ct);

    /// <summary>
    /// Which open petitions would move if the holiday on the date were withdrawn (a correction of the calendar files or
    /// of an earlier designation); nothing is written. Dues move earlier, so the preview counts those apart.
    /// </summary>
    public Task<TemporaryHolidayPreview> PreviewHolidayWithdrawalAsync(Actor actor, DateOnly date, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        return PreviewHolidayChangeAsync(actor, date, HolidayOn(date) ?? throw NotAHoliday(), isHoliday: false, ct);
    }

    private async Task<TemporaryHolidayPreview> PreviewHolidayChangeAsync(Actor actor, DateOnly date, string name, bool isHoliday, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var nameProblem = CheckName(name);
        if (!InCalendar(date))
        {
            throw OutsideCalendar();
        }

        if (nameProblem is not null)
        {
            throw new BackOfficeInputException([nameProblem]);
        }

        var mayApply = await MayApplyCalendarChangesAsync(actor, ct);
        var changed = CalendarChangeApplier.WithChange(calendar, new CalendarChangeRequest(date, name.Trim(), isHoliday, "Holiday Reg. §2(11) (preview)"));
        var now = time.GetUtcNow();
        var candidates = mayApply ? db.Petitions.AsNoTracking() : db.Petitions.AsNoTracking().InBackOfficeScope(actor);
        var open = await candidates
            .Where(p => p.IsOpen && p.DueAt != null && p.ClockState != ClockState.Stopped && p.DueAt >= now)
            .OrderBy(p => p.Id).Take(PreviewLimit)
            .Select(p => new { p.Id, p.AgencyId, p.ReceivedAt, p.PeriodUnit, p.PeriodValue, p.Exclusions, p.Extensions, p.DueAt })
            .ToListAsync(ct);
        var today = DueBadges.KstDate(now);
        var clocks = open.Select(p => new OpenPetitionClock(
            p.Id, p.ReceivedAt, new TreatmentPeriod(p.PeriodUnit, p.PeriodValue),
            p.Exclusions.Select(s => new ExcludedSpan(s.Type, s.From, s.To ?? (today < s.From ? s.From : today))).ToList(),
            p.Extensions.Select(e => new ClockExtension(e.Length, e.Consent)).ToList(),
            CountingMode.Statutory, p.DueAt!.Value));
        var result = CalendarChangePreview.Preview(clocks, calendar, changed);
        var own = open.Where(p => p.AgencyId == actor.AgencyId).Select(p => p.Id).ToHashSet();
        return new TemporaryHolidayPreview(
            date,
            name.Trim(),
            result.Changes.Where(c => own.Contains(c.PetitionId)).ToList(),
            result.Failures.Where(f => own.Contains(f.PetitionId)).ToList(),
            mayApply ? result.Changes.Count : null,
            open.Count == PreviewLimit,
            mayApply ? (isHoliday ? CheckDate(date) : CheckWithdrawalDate(date))?.Message : new LocalizedText(
                "공휴일은 모든 기관에 하나이므로 중앙행정기관 관리자만 바꿀 수 있습니다 (관공서의 공휴일에 관한 규정 §2(11)).",
                "The holidays are one calendar for every agency, so only an admin of a central agency changes them (Holiday Reg. §2(11))."),
            mayApply ? await applier.FingerprintAsync(new CalendarChangeRequest(date, name.Trim(), isHoliday, ""), ct) : null,
            isHoliday);
    }

    /// <summary>
    /// Designates the date a temporary holiday for every agency through the same applier the calendar job uses:
    /// open petitions' dues are recomputed and audited in one transaction, and the change is recorded with who applied
    /// it and why (rulebook §11).
    /// </summary>
    public Task<CalendarChangeOutcome> ApplyTemporaryHolidayAsync(Actor actor, DateOnly date, string name, string reason, CancellationToken ct) =>
        ApplyTemporaryHolidayAsync(actor, date, name, reason, approvedPreview: null, ct);

    /// <summary>As above, refused (asking for a new preview) when the approved preview's petitions or dues no longer hold.</summary>
    public async Task<CalendarChangeOutcome> ApplyTemporaryHolidayAsync(Actor actor, DateOnly date, string name, string reason, string? approvedPreview, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        if (!await MayApplyCalendarChangesAsync(actor, ct))
        {
            throw new BackOfficeForbiddenException("only an admin of a central agency applies a holiday change");
        }

        var problems = new[] { CheckDate(date), CheckName(name), CheckReason(reason) }.OfType<FieldError>().ToList();
        if (problems.Count > 0)
        {
            throw new BackOfficeInputException(problems);
        }

        var outcome = await ApplyChangeAsync(new CalendarChangeRequest(date, name.Trim(), IsHoliday: true, reason.Trim(), actor.UserId, approvedPreview), ct);

        logger.LogInformation("Admin {UserId} applied temporary holiday {Date} {Name}: {Moved} dues moved, {Failed} not computable (change {ChangeId})",
            actor.UserId, date, name.Trim(), outcome.Changes.Count, outcome.Failures.Count, outcome.ChangeId);
        return outcome;
    }

    /// <summary>
    /// Withdraws the holiday on the date for every agency through the same applier: dues recomputed and audited in one
    /// transaction, supervisors told of every due that moved earlier, the change recorded with who and why (rulebook §11).
    /// </summary>
    public async Task<CalendarChangeOutcome> ApplyHolidayWithdrawalAsync(Actor actor, DateOnly date, string reason, string? approvedPreview, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        if (!await MayApplyCalendarChangesAsync(actor, ct))
        {
            throw new BackOfficeForbiddenException("only an admin of a central agency applies a holiday change");
        }

        var problems = new[] { CheckWithdrawalDate(date), CheckReason(reason) }.OfType<FieldError>().ToList();
        if (problems.Count > 0)
        {
            throw new BackOfficeInputException(problems);
        }

        var name = HolidayOn(date)!;
        var outcome = await ApplyChangeAsync(new CalendarChangeRequest(date, name, IsHoliday: false, reason.Trim(), actor.UserId, approvedPreview), ct);
        logger.LogInformation("Admin {UserId} withdrew holiday {Date} {Name}: {Moved} dues moved, {Failed} not computable (change {ChangeId})",
            actor.UserId, date, name, outcome.Changes.Count, outcome.Failures.Count, outcome.ChangeId);
        return outcome;
    }

    private async Task<CalendarChangeOutcome> ApplyChangeAsync(CalendarChangeRequest request, CancellationToken ct)
    {
        try
        {
            return await applier.ApplyAsync(request, ct);
        }
        catch (CalendarPreviewOutdatedException)
        {
            throw new BackOfficeInputException("ApplyDate",
                "미리보기 뒤에 영향받는 민원이나 처리기한이 바뀌었습니다. 다시 미리보기를 한 뒤 적용하십시오.",
                "The affected petitions or their dues changed since the preview. Preview again, then apply.");
        }
    }

    /// <summary>Holiday changes applied since start-up of the system (any agency's admin sees them: the calendar is shared), newest first.</summary>
    public async Task<List<AppliedCalendarChange>> AppliedCalendarChangesAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        return await db.CalendarChanges.AsNoTracking()
            .OrderByDescending(c => c.Id).Take(100)
            .Select(c => new AppliedCalendarChange(c.Id, c.Date, c.NameKo, c.IsHoliday, c.LegalBasis, c.AppliedAt,
                db.Users.Where(u => u.Id == c.AppliedById).Select(u => u.DisplayName).FirstOrDefault(), c.PetitionsRecomputed))
            .ToListAsync(ct);
    }

    private bool InCalendar(DateOnly date) => date >= calendar.FirstDate && date <= calendar.LastDate;

    private static BackOfficeInputException OutsideCalendar() =>
        new("PreviewDate", "공휴일 자료가 있는 기간 밖의 날짜입니다.", "The date is outside the years the holiday calendar covers.");

    /// <summary>Only a future (or today's) working day can become a temporary holiday; anything else would move nothing or rewrite the past.</summary>
    private FieldError? CheckDate(DateOnly date)
    {
        if (!InCalendar(date))
        {
            return OutsideCalendar().Errors[0];
        }

        if (date < DueBadges.KstDate(time.GetUtcNow()))
        {
            return new FieldError("ApplyDate", new LocalizedText("지난 날짜는 임시공휴일로 지정할 수 없습니다.", "A past date cannot be designated."));
        }

        return calendar.IsWorkingDay(date)
            ? null
            : new FieldError("ApplyDate", new LocalizedText("이미 쉬는 날(주말 또는 공휴일)입니다.", "The date is already a day off (weekend or holiday)."));
    }

    /// <summary>The name of the holiday on the date (files and applied changes), or null when the date is none.</summary>
    private string? HolidayOn(DateOnly date) =>
        InCalendar(date) ? calendar.Holidays(date.Year).FirstOrDefault(h => h.Date == date)?.Name : null;

    private static BackOfficeInputException NotAHoliday() =>
        new("PreviewDate", "그날은 공휴일이 아닙니다.", "The date is not a holiday.");

    /// <summary>Only a holiday from today on can be withdrawn: a past one would rewrite dues already kept or missed.</summary>
    private FieldError? CheckWithdrawalDate(DateOnly date)
    {
        if (HolidayOn(date) is null)
        {
            return NotAHoliday().Errors[0];
        }

        return date < DueBadges.KstDate(time.GetUtcNow())
            ? new FieldError("ApplyDate", new LocalizedText("지난 공휴일은 철회할 수 없습니다.", "A past holiday cannot be withdrawn."))
            : null;
    }

    private static FieldError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100
            ? new FieldError("PreviewName", new LocalizedText("공휴일 이름을 100자 이내로 입력하세요.", "Enter the holiday's name (at most 100 characters)."))
            : null;

    private static FieldError? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 300
            ? new FieldError("ApplyReason", new LocalizedText("지정 근거(국무회의 의결 등)를 300자 이내로 입력하세요.", "Enter the basis of the designation (cabinet decision …), at most 300 characters."))
            : null;
}
