using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.BackOffice;
using Treatment.Core.Clock;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Admin;

/// <summary>The holiday calendar: holidays by year, a temporary holiday's preview, its audited application and the changes applied.</summary>
public sealed class CalendarModel(AdminService admin, TimeProvider time, CalendarFilesCorrection files) : PageModel
{
    /// <summary>The calendar files now beside those the stored dues were counted on.</summary>
    public CalendarFilesStatus? FilesStatus { get; private set; }

    /// <summary>A pending correction of the calendar files, previewed.</summary>
    public CalendarFilesPreview? FilesPreview { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DateOnly? PreviewDate { get; set; }

    [BindProperty]
    public string? PreviewName { get; set; }

    /// <summary>True: the preview and apply withdraw the holiday on <see cref="PreviewDate"/> instead of designating one.</summary>
    [BindProperty]
    public bool Withdraw { get; set; }

    [BindProperty]
    public string? ApplyReason { get; set; }

    /// <summary>The preview the admin approved; applying is refused when it no longer holds.</summary>
    [BindProperty]
    public string? PreviewFingerprint { get; set; }

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    public TemporaryHolidayPreview? Preview { get; private set; }

    public IReadOnlyList<AppliedCalendarChange> Applied { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>Today in KST: holidays from today on may be withdrawn.</summary>
    public DateOnly Today => DueBadges.KstDate(time.GetUtcNow());

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await PreviewAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        if (Withdraw && PreviewDate is { } withdrawn)
        {
            try
            {
                var outcome = await admin.ApplyHolidayWithdrawalAsync(User.ToActor(), withdrawn, ApplyReason ?? "", PreviewFingerprint, ct);
                var earlier = outcome.Changes.Count(c => c.To < c.From);
                TempData["message"] = L.T(
                    $"{withdrawn:yyyy-MM-dd} 공휴일을 철회했습니다. 처리기한이 바뀐 민원 {outcome.Changes.Count}건(앞당겨짐 {earlier}건, 담당 감독자에게 알림), 다시 계산하지 못한 민원 {outcome.Failures.Count}건.",
                    $"The holiday on {withdrawn:yyyy-MM-dd} was withdrawn: {outcome.Changes.Count} due(s) moved ({earlier} earlier, their supervisors told), {outcome.Failures.Count} could not be recomputed.");
                return RedirectToPage(new { year = withdrawn.Year });
            }
            catch (BackOfficeInputException refused)
            {
                AddErrors(refused);
            }
        }
        else if (PreviewDate is { } date && !string.IsNullOrWhiteSpace(PreviewName))
        {
            try
            {
                var outcome = await admin.ApplyTemporaryHolidayAsync(User.ToActor(), date, PreviewName, ApplyReason ?? "", PreviewFingerprint, ct);
                TempData["message"] = L.T(
                    $"{date:yyyy-MM-dd} {PreviewName.Trim()}을(를) 임시공휴일로 적용했습니다. 처리기한이 바뀐 민원 {outcome.Changes.Count}건, 다시 계산하지 못한 민원 {outcome.Failures.Count}건.",
                    $"{date:yyyy-MM-dd} {PreviewName.Trim()} applied as a temporary holiday: {outcome.Changes.Count} due(s) moved, {outcome.Failures.Count} could not be recomputed.");
                return RedirectToPage(new { year = date.Year });
            }
            catch (BackOfficeInputException refused)
            {
                AddErrors(refused);
            }
        }

        await PreviewAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFilesPreviewAsync(CancellationToken ct)
    {
        FilesPreview = await files.PreviewAsync(User.ToActor(), ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFilesApplyAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await files.ApplyAsync(User.ToActor(), ApplyReason ?? "", PreviewFingerprint, ct);
            TempData["message"] = L.T(
                $"달력 파일 수정을 적용했습니다. 처리기한이 바뀐 민원 {outcome.Changes.Count}건(앞당겨짐 {outcome.MovedEarlier}건, 담당 감독자에게 알림), 다시 계산하지 못한 민원 {outcome.Failures.Count}건.",
                $"The calendar files' correction was applied: {outcome.Changes.Count} due(s) moved ({outcome.MovedEarlier} earlier, their supervisors told), {outcome.Failures.Count} could not be recomputed.");
            return RedirectToPage();
        }
        catch (BackOfficeInputException refused)
        {
            AddErrors(refused);
        }

        FilesPreview = await files.PreviewAsync(User.ToActor(), ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task PreviewAsync(CancellationToken ct)
    {
        if (Withdraw && PreviewDate is { } withdrawn)
        {
            Year ??= withdrawn.Year;
            try
            {
                Preview = await admin.PreviewHolidayWithdrawalAsync(User.ToActor(), withdrawn, ct);
            }
            catch (BackOfficeInputException refused)
            {
                AddErrors(refused);
            }

            return;
        }

        if (PreviewDate is not { } date || string.IsNullOrWhiteSpace(PreviewName))
        {
            ModelState.AddModelError(nameof(PreviewDate), L.T("날짜와 이름을 입력하세요.", "Enter a date and a name."));
            return;
        }

        Year ??= date.Year;
        try
        {
            Preview = await admin.PreviewTemporaryHolidayAsync(User.ToActor(), date, PreviewName, ct);
        }
        catch (BackOfficeInputException refused)
        {
            AddErrors(refused);
        }
    }

    private void AddErrors(BackOfficeInputException refused)
    {
        foreach (var error in refused.Errors)
        {
            ModelState.AddModelError(error.Field, L.T(error.Message));
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Year ??= DueBadges.KstDate(time.GetUtcNow()).Year;
        Holidays = admin.Holidays(actor, Year.Value);
        Applied = await admin.AppliedCalendarChangesAsync(actor, ct);
        FilesStatus = await files.StatusAsync(ct);
    }
}
