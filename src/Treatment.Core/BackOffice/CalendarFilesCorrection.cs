using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Hosting;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>The calendar files now beside the version last applied to the stored dues.</summary>
public sealed record CalendarFilesStatus(string CurrentDigest, string? AppliedDigest, DateTimeOffset? AppliedAt, bool Pending);

/// <summary>A pending correction of the calendar files as an admin sees it: every due it moves, the admin's own agency's listed.</summary>
public sealed record CalendarFilesPreview(CalendarFilesStatus Status, CalendarFilesOutcome Outcome, IReadOnlyList<(DueChange Change, string ReceiptNumber)> OwnAgency, bool MayApply);

/// <summary>
/// Corrections of workflows/calendar/*.yaml (rules.yaml, holidays.yaml): the files' digest is compared with the version
/// last applied (calendar_file_versions); a difference is a pending correction, previewed and applied through
/// <see cref="CalendarChangeApplier.ApplyFilesAsync"/> like a holiday designation or withdrawal (decision 019).
/// Admins preview; an admin of a central agency (or the operator's command line) applies.
/// </summary>
public sealed class CalendarFilesCorrection(TreatmentDbContext db, TreatmentFolders folders, CalendarChangeApplier applier, AdminService admin)
{
    private string CalendarFolder => Path.Combine(folders.Workflows, "calendar");

    public async Task<CalendarFilesStatus> StatusAsync(CancellationToken ct)
    {
        var digest = CalendarFiles.Digest(CalendarFiles.Read(CalendarFolder));
        var latest = await LatestAsync(ct);
        return new CalendarFilesStatus(digest, latest?.Digest, latest?.AppliedAt, latest is not null && latest.Digest != digest);
    }

    /// <summary>
    /// At start-up: the first start records the files as the baseline (nothing to recount against); a later start with
    /// changed files logs the pending correction, which waits for an admin's preview and apply.
    /// </summary>
    public async Task<CalendarFilesStatus> RecordBaselineOrReportAsync(DateTimeOffset now, ILogger logger, CancellationToken ct)
    {
        var files = CalendarFiles.Read(CalendarFolder);
        var digest = CalendarFiles.Digest(files);
        var latest = await LatestAsync(ct);
        if (latest is null)
        {
            db.CalendarFileVersions.Add(new CalendarFileVersion
            {
                Digest = digest, Files = CalendarFiles.ToJson(files), AppliedAt = now, Reason = "first start (baseline)", Baseline = true,
            });
            await db.SaveChangesAsync(ct);
            return new CalendarFilesStatus(digest, digest, now, false);
        }

        if (latest.Digest != digest)
        {
            logger.LogWarning("The calendar files ({Digest}) differ from those the stored dues were counted on ({Applied}): preview and apply the correction at /Admin/Calendar or with 'treatment holidays recount --apply'",
                digest, latest.Digest);
        }

        return new CalendarFilesStatus(digest, latest.Digest, latest.AppliedAt, latest.Digest != digest);
    }

    /// <summary>What applying the files now would move; null when nothing is pending.</summary>
    public async Task<CalendarFilesPreview?> PreviewAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        var (status, request) = await RequestAsync(null, null, null, ct);
        if (request is null)
        {
            return null;
        }

        var outcome = await applier.PreviewFilesAsync(request, ct);
        var ids = outcome.Changes.Select(c => c.PetitionId).ToList();
        var own = await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id) && p.AgencyId == actor.AgencyId)
            .Select(p => new { p.Id, p.ReceiptNumber }).ToDictionaryAsync(p => p.Id, p => p.ReceiptNumber, ct);
        return new CalendarFilesPreview(status, outcome, outcome.Changes.Where(c => own.ContainsKey(c.PetitionId)).Select(c => (c, own[c.PetitionId])).ToList(),
            await admin.MayApplyCalendarChangesAsync(actor, ct));
    }

    /// <summary>The operator's command line: the status and, when a correction is pending, every due it would move.</summary>
    public async Task<(CalendarFilesStatus Status, CalendarFilesOutcome? Outcome)> PreviewForOperatorAsync(CancellationToken ct)
    {
        var (status, request) = await RequestAsync(null, null, null, ct);
        return (status, request is null ? null : await applier.PreviewFilesAsync(request, ct));
    }

    /// <summary>Applies the pending correction (an admin of a central agency), refused when the approved preview no longer holds.</summary>
    public async Task<CalendarFilesOutcome> ApplyAsync(Actor actor, string reason, string? approvedPreview, CancellationToken ct)
    {
        actor.Require(Roles.Admin);
        if (!await admin.MayApplyCalendarChangesAsync(actor, ct))
        {
            throw new BackOfficeForbiddenException("only an admin of a central agency applies a calendar correction");
        }

        return await ApplyAsync(reason, actor.UserId, approvedPreview, ct);
    }

    /// <summary>The operator's command line: applies the pending correction with no user.</summary>
    public async Task<CalendarFilesOutcome> ApplyAsync(string reason, Guid? appliedBy, string? approvedPreview, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw new BackOfficeInputException("ApplyReason", "적용 사유(500자 이내)를 입력하십시오.", "Give the reason for applying (at most 500 characters).");
        }

        var (_, request) = await RequestAsync(reason.Trim(), appliedBy, approvedPreview, ct);
        if (request is null)
        {
            throw new BackOfficeInputException("ApplyReason", "적용할 달력 파일 수정이 없습니다.", "No correction of the calendar files is pending.");
        }

        try
        {
            return await applier.ApplyFilesAsync(request, ct);
        }
        catch (CalendarPreviewOutdatedException)
        {
            throw new BackOfficeInputException("ApplyReason",
                "미리보기 뒤에 영향받는 민원이나 처리기한이 바뀌었습니다. 다시 미리보기를 한 뒤 적용하십시오.",
                "The affected petitions or their dues changed since the preview. Preview again, then apply.");
        }
    }

    private async Task<(CalendarFilesStatus Status, CalendarFilesRequest? Request)> RequestAsync(string? reason, Guid? appliedBy, string? approvedPreview, CancellationToken ct)
    {
        var files = CalendarFiles.Read(CalendarFolder);
        var digest = CalendarFiles.Digest(files);
        var latest = await LatestAsync(ct);
        var status = new CalendarFilesStatus(digest, latest?.Digest, latest?.AppliedAt, latest is not null && latest.Digest != digest);
        if (!status.Pending)
        {
            return (status, null);
        }

        var now = CalendarFiles.Build(files, HolidayCalendar.DefaultFirstYear, HolidayCalendar.DefaultLastYear);
        var before = CalendarFiles.Build(CalendarFiles.FromJson(latest!.Files), now.FirstDate.Year, now.LastDate.Year);
        return (status, new CalendarFilesRequest(before, now, latest.Digest, digest, files, reason ?? "preview", appliedBy, approvedPreview));
    }

    private Task<CalendarFileVersion?> LatestAsync(CancellationToken ct) =>
        db.CalendarFileVersions.AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
}
