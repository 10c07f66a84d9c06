using Treatment.Core.Agencies;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>A holiday designated or withdrawn after start-up (e.g. a temporary holiday by cabinet decision).</summary>
/// <summary><paramref name="ApprovedPreview"/>: the fingerprint of the preview the admin approved; the change is refused if it no longer holds.</summary>
public sealed record CalendarChangeRequest(DateOnly Date, string NameKo, bool IsHoliday, string LegalBasis, Guid? AppliedById = null, string? ApprovedPreview = null);

/// <summary>What applying a calendar change did: the audited change row, the moved dues, the petitions that could not be counted, the new calendar.</summary>
public sealed record CalendarChangeOutcome(long ChangeId, IReadOnlyList<DueChange> Changes, IReadOnlyList<DueChangeFailure> Failures, IHolidayCalendar Calendar);

/// <summary>A correction of the calendar files: the files last applied and those now, built, with who applies them and why.</summary>
public sealed record CalendarFilesRequest(
    HolidayCalendar OldBaseline, HolidayCalendar NewBaseline, string? PreviousDigest, string Digest, IReadOnlyDictionary<string, string> Files,
    string Reason, Guid? AppliedById = null, string? ApprovedPreview = null);

/// <summary>What a correction of the files moves (or moved): the recorded version (null in a preview), the dates whose status changed, the dues.</summary>
public sealed record CalendarFilesOutcome(long? VersionId, IReadOnlyList<DateOnly> ChangedDates, IReadOnlyList<DueChange> Changes, IReadOnlyList<DueChangeFailure> Failures, string Fingerprint)
{
    /// <summary>Dues that move earlier: their supervisors are told when the correction is applied.</summary>
    public int MovedEarlier => Changes.Count(c => c.To < c.From);
}

/// <summary>Data of a "due-recomputed" event written by a correction of the calendar files.</summary>
public sealed record CalendarFilesRecountData(string From, string To, string? PreviousDigest, string Digest, int Generation);

/// <summary>
/// Applies a holiday change to every affected open petition in one transaction, with every affected petition locked
/// first (<see cref="CalendarChangeLocks"/>): recomputes the due under the new
/// calendar (<see cref="CalendarChangePreview"/>), bumps the clock generation so no milestone planned before is
/// applied, plans the next milestone, appends a "due-recomputed" event, and records the change (rulebook §11).
/// </summary>
public sealed class CalendarChangeApplier(TreatmentDbContext db, WorkflowCatalog catalog, IHolidayCalendar calendar, ClockPolicy policy, TimeProvider time)
{
    private const long ChangeLockKey = 0x7472_6561_7463_02;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long one attempt waits for an affected petition's row lock before it rolls back and tries again.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Applies the change, retried when it meets a concurrent writer. Resumable: an attempt commits whole or not at
    /// all, and a change already recorded (a job run again after a crash) is not applied twice.
    /// </summary>
    public Task<CalendarChangeOutcome> ApplyAsync(CalendarChangeRequest request, CancellationToken cancellationToken) =>
        CalendarChangeLocks.ConflictRetry(TimeProvider.System, db.ChangeTracker.Clear)
            .ExecuteAsync(async ct => await ApplyOnceAsync(request, ct), cancellationToken).AsTask();

    /// <summary>The fingerprint of what applying the change now would move (no locks, nothing written), for the admin to approve.</summary>
    public async Task<string> FingerprintAsync(CalendarChangeRequest request, CancellationToken cancellationToken)
    {
        var (dayStart, dayEnd) = Day(request);
        var petitions = await db.Petitions.AsNoTracking()
            .Where(p => p.IsOpen && p.ClockState == ClockState.Running && p.DueAt != null && p.DueAt >= dayStart && p.ReceivedAt < dayEnd)
            .ToListAsync(cancellationToken);
        return CalendarChangeLocks.Fingerprint(Recompute(petitions, calendar, WithChange(calendar, request)).Changes);
    }

    private async Task<CalendarChangeOutcome> ApplyOnceAsync(CalendarChangeRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // One change at a time across every process (admin page, job), each counted on all the changes recorded before it.
        await db.Database.ExecuteSqlRawAsync($"select pg_advisory_xact_lock({ChangeLockKey})", cancellationToken);
        if (await db.CalendarChanges.AsNoTracking().FirstOrDefaultAsync(
                c => c.Date == request.Date && c.NameKo == request.NameKo && c.IsHoliday == request.IsHoliday && c.LegalBasis == request.LegalBasis, cancellationToken) is { } recorded)
        {
            return new CalendarChangeOutcome(recorded.Id, [], [], calendar);
        }

        if (calendar is LiveHolidayCalendar live)
        {
            live.ReplaceWithChanges(await db.CalendarChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken));
        }

        var updated = WithChange(calendar, request);
        var newCalculator = new DeadlineCalculator(updated, policy);
        var planner = new WorkflowMilestonePlanner(newCalculator);
        var now = time.GetUtcNow();
        var (dayStart, dayEnd) = Day(request);

        // Every affected petition is locked before anything is counted, so what is recomputed is what is written.
        var ids = await CalendarChangeLocks.LockAffectedAsync(db, dayStart, dayEnd, LockTimeout, cancellationToken);
        var petitions = new List<Petition>(ids.Count);
        foreach (var chunk in ids.Chunk(CalendarChangeLocks.LockBatch))
        {
            petitions.AddRange(await db.Petitions.Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken));
        }

        var (changes, failures, definitions) = Recompute(petitions, calendar, updated);
        if (request.ApprovedPreview is { } approved && CalendarChangeLocks.Fingerprint(changes) is var current && current != approved)
        {
            throw new CalendarPreviewOutdatedException(approved, current);
        }

        var byId = petitions.ToDictionary(p => p.Id);
        var change = new PetitionChange(newCalculator, planner);
        foreach (var moved in changes)
        {
            var petition = byId[moved.PetitionId];
            var data = new DueRecomputedData(moved.FromText, moved.ToText, request.Date, request.IsHoliday, petition.ClockGeneration + 1);
            db.PetitionEvents.Add(change.MoveDue(petition, definitions[petition.Id], moved.To, now, PetitionEventTypes.DueRecomputed, request.AppliedById, MilestoneEventTypes.SystemActor,
                $"{request.Date:yyyy-MM-dd} {request.NameKo} ({request.LegalBasis})", data));
        }

        await NotifyDuesMovedEarlierAsync(changes.Where(c => c.To < c.From).Select(c => byId[c.PetitionId]).ToList(),
            ($"{request.Date:yyyy-MM-dd} {request.NameKo} 철회로", $"Withdrawing {request.Date:yyyy-MM-dd} {request.NameKo}"), now, cancellationToken);
        var record = new CalendarChange
        {
            Date = request.Date,
            NameKo = request.NameKo,
            IsHoliday = request.IsHoliday,
            LegalBasis = request.LegalBasis,
            AppliedAt = now,
            AppliedById = request.AppliedById,
            PetitionsRecomputed = changes.Count,
        };
        db.CalendarChanges.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // From now on every clock in this process counts on the changed calendar; other processes refresh within a minute.
        if (calendar is LiveHolidayCalendar liveCalendar && updated is HolidayCalendar changed)
        {
            liveCalendar.Replace(changed);
        }

        return new CalendarChangeOutcome(record.Id, changes, failures, updated);
    }

    /// <summary>
    /// Applies a correction of the calendar files (workflows/calendar/*.yaml) the same way: the dues counted on the files
    /// last applied are recounted on the files now, under the database's holiday changes, with every affected petition
    /// locked; moved dues are audited, dues moved earlier told to supervisors, and the files recorded as the version
    /// applied. Nothing happens when the same digest is already the latest version.
    /// </summary>
    public Task<CalendarFilesOutcome> ApplyFilesAsync(CalendarFilesRequest request, CancellationToken cancellationToken) =>
        CalendarChangeLocks.ConflictRetry(TimeProvider.System, db.ChangeTracker.Clear)
            .ExecuteAsync(async ct => await ApplyFilesOnceAsync(request, ct), cancellationToken).AsTask();

    /// <summary>What applying the files now would move (nothing locked or written), with the fingerprint to approve.</summary>
    public async Task<CalendarFilesOutcome> PreviewFilesAsync(CalendarFilesRequest request, CancellationToken cancellationToken)
    {
        var changesInDb = await db.CalendarChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var (before, after, dates) = FilesCalendars(request, changesInDb);
        if (dates.Count == 0)
        {
            return new CalendarFilesOutcome(null, dates, [], [], CalendarChangeLocks.Fingerprint([]));
        }

        var (start, end) = Span(dates);
        var petitions = await db.Petitions.AsNoTracking()
            .Where(p => p.IsOpen && p.ClockState == ClockState.Running && p.DueAt != null && p.DueAt >= start && p.ReceivedAt < end)
            .ToListAsync(cancellationToken);
        var (changes, failures, _) = Recompute(petitions, before, after);
        return new CalendarFilesOutcome(null, dates, changes, failures, CalendarChangeLocks.Fingerprint(changes));
    }

    private async Task<CalendarFilesOutcome> ApplyFilesOnceAsync(CalendarFilesRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"select pg_advisory_xact_lock({ChangeLockKey})", cancellationToken);
        var latest = await db.CalendarFileVersions.AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest?.Digest == request.Digest)
        {
            return new CalendarFilesOutcome(latest.Id, [], [], [], CalendarChangeLocks.Fingerprint([]));
        }

        var changesInDb = await db.CalendarChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var (before, after, dates) = FilesCalendars(request, changesInDb);
        var now = time.GetUtcNow();
        var petitions = new List<Petition>();
        if (dates.Count > 0)
        {
            var (start, end) = Span(dates);
            foreach (var chunk in (await CalendarChangeLocks.LockAffectedAsync(db, start, end, LockTimeout, cancellationToken)).Chunk(CalendarChangeLocks.LockBatch))
            {
                petitions.AddRange(await db.Petitions.Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken));
            }
        }

        var (changes, failures, definitions) = Recompute(petitions, before, after);
        if (request.ApprovedPreview is { } approved && CalendarChangeLocks.Fingerprint(changes) is var current && current != approved)
        {
            throw new CalendarPreviewOutdatedException(approved, current);
        }

        var calculator = new DeadlineCalculator(after, policy);
        var change = new PetitionChange(calculator, new WorkflowMilestonePlanner(calculator));
        var byId = petitions.ToDictionary(p => p.Id);
        foreach (var moved in changes)
        {
            var petition = byId[moved.PetitionId];
            db.PetitionEvents.Add(change.MoveDue(petition, definitions[petition.Id], moved.To, now, PetitionEventTypes.DueRecomputed, request.AppliedById, MilestoneEventTypes.SystemActor,
                $"calendar files {request.Digest} ({request.Reason})", new CalendarFilesRecountData(moved.FromText, moved.ToText, request.PreviousDigest, request.Digest, petition.ClockGeneration + 1)));
        }

        await NotifyDuesMovedEarlierAsync(changes.Where(c => c.To < c.From).Select(c => byId[c.PetitionId]).ToList(),
            ($"달력 규칙 수정({request.Digest})으로", $"Correcting the calendar files ({request.Digest})"), now, cancellationToken);
        var version = new CalendarFileVersion
        {
            Digest = request.Digest,
            Files = CalendarFiles.ToJson(request.Files),
            AppliedAt = now,
            AppliedById = request.AppliedById,
            Reason = request.Reason,
            PetitionsRecomputed = changes.Count,
        };
        db.CalendarFileVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // This process counts on the corrected files from now on (a start-up with them loads them anyway).
        if (calendar is LiveHolidayCalendar live)
        {
            live.ReplaceBaseline(request.NewBaseline, changesInDb);
        }

        return new CalendarFilesOutcome(version.Id, dates, changes, failures, CalendarChangeLocks.Fingerprint(changes));
    }

    private static (IHolidayCalendar Before, IHolidayCalendar After, IReadOnlyList<DateOnly> Dates) FilesCalendars(CalendarFilesRequest request, IReadOnlyList<CalendarChange> changesInDb)
    {
        var before = LiveHolidayCalendar.WithChanges(request.OldBaseline, changesInDb);
        var after = LiveHolidayCalendar.WithChanges(request.NewBaseline, changesInDb);
        return (before, after, CalendarFiles.ChangedDates(before, after));
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Span(IReadOnlyList<DateOnly> dates)
    {
        // Only a petition received by the end of the last changed date and due on or after the first can move.
        var start = new DateTimeOffset(dates[0].ToDateTime(TimeOnly.MinValue), DeadlineCalculator.KstOffset).ToUniversalTime();
        var end = new DateTimeOffset(dates[^1].ToDateTime(TimeOnly.MinValue), DeadlineCalculator.KstOffset).ToUniversalTime().AddDays(1);
        return (start, end);
    }

    /// <summary>
    /// A withdrawn holiday moves dues earlier: each affected petition's supervisors (the department's team lead and the
    /// agency-wide supervisors) are told in the change's own transaction, one notice per petition.
    /// </summary>
    internal async Task NotifyDuesMovedEarlierAsync(List<Petition> earlier, (string Ko, string En) cause, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (earlier.Count == 0)
        {
            return;
        }

        var agencyIds = earlier.Select(p => p.AgencyId).Distinct().ToList();
        var supervisors = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && agencyIds.Contains(u.AgencyId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Supervisor)))
            .Select(u => new { u.Id, u.AgencyId, u.DepartmentId })
            .ToListAsync(cancellationToken);
        foreach (var petition in earlier)
        {
            db.UserNotifications.AddRange(supervisors
                .Where(u => u.AgencyId == petition.AgencyId && (u.DepartmentId is null || u.DepartmentId == petition.DepartmentId))
                .Select(u => new UserNotification
                {
                    UserId = u.Id,
                    PetitionId = petition.Id,
                    Kind = DueMovedEarlierKind,
                    MessageKo = $"{cause.Ko} 민원 {petition.ReceiptNumber}의 처리기한이 앞당겨졌습니다.",
                    MessageEn = $"{cause.En} moved the due of petition {petition.ReceiptNumber} earlier.",
                    CreatedAt = now,
                }));
        }
    }

    /// <summary>The notification kind supervisors get when a calendar correction moves a due earlier.</summary>
    public const string DueMovedEarlierKind = "due-moved-earlier";

    /// <summary>The per-petition recompute: which dues move under the updated calendar, and which cannot be counted.</summary>
    internal (List<DueChange> Changes, List<DueChangeFailure> Failures, Dictionary<long, WorkflowDefinition?> Definitions) Recompute(List<Petition> petitions, IHolidayCalendar previous, IHolidayCalendar updated)
    {
        var oldCalculator = new DeadlineCalculator(previous, policy);
        var newCalculator = new DeadlineCalculator(updated, policy);
        var definitions = petitions.ToDictionary(p => p.Id, p => catalog.TryGet(p.WorkflowId, p.WorkflowVersion));

        // A count from receipt goes through CalendarChangePreview; a restarted count (objection decision) through the petition's own clock.
        var plain = petitions.Where(p => p.ClockLimit is null && !p.Exclusions.Any(s => s.To is null)).ToList();
        var preview = CalendarChangePreview.Preview(plain.Select(OpenClock), previous, updated, policy);
        var changes = preview.Changes.ToList();
        var failures = preview.Failures.ToList();
        foreach (var petition in petitions.Where(p => p.ClockLimit is not null && definitions[p.Id] is not null))
        {
            var after = PetitionClock.Due(petition, definitions[petition.Id]!, newCalculator);
            if (after.Error is { } error)
            {
                failures.Add(new DueChangeFailure(petition.Id, error));
            }
            else if (after.Value!.Due != petition.DueAt)
            {
                var before = PetitionClock.Due(petition, definitions[petition.Id]!, oldCalculator);
                var matched = before.IsSuccess && before.Value!.Due == petition.DueAt;
                changes.Add(new DueChange(petition.Id, petition.DueAt!.Value, after.Value.Due, matched ? before.Value!.DueText : petition.DueAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), after.Value.DueText, matched));
            }
        }

        return (changes, failures, definitions);
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Day(CalendarChangeRequest request)
    {
        // Only a petition received by the end of the date and due on or after it can move.
        var start = new DateTimeOffset(request.Date.ToDateTime(TimeOnly.MinValue), DeadlineCalculator.KstOffset).ToUniversalTime();
        return (start, start.AddDays(1));
    }

    /// <summary>The stored count of a petition as the preview takes it (as <see cref="PetitionClock.Due"/> counts it).</summary>
    private static OpenPetitionClock OpenClock(Petition petition)
    {
        var start = petition.ClockStartedAt ?? petition.ReceivedAt;
        var exclusions = petition.Exclusions.Select(s => new ExcludedSpan(s.Type, s.From, s.To!.Value)).ToList();
        var extensions = petition.Extensions.Where(e => e.GrantedAt >= start).Select(e => new ClockExtension(e.Length, e.Consent)).ToList();
        return new OpenPetitionClock(petition.Id, start, petition.Period, exclusions, extensions, CountingMode.Statutory, petition.DueAt!.Value);
    }

    /// <summary>The calendar with the change applied: a temporary holiday added, or the date's holidays withdrawn (a correction).</summary>
    public static IHolidayCalendar WithChange(IHolidayCalendar current, CalendarChangeRequest request)
    {
        var built = current switch
        {
            LiveHolidayCalendar live => live.Current,
            HolidayCalendar calendar => calendar,
            _ => throw new InvalidOperationException("a calendar change needs the rule-built holiday calendar"),
        };
        return LiveHolidayCalendar.WithChanges(built,
            [new CalendarChange { Date = request.Date, NameKo = request.NameKo, IsHoliday = request.IsHoliday, LegalBasis = request.LegalBasis }]);
    }
}
