using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Treatment.Core.Committee;
using Treatment.Core.Petitions;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Committee;

/// <summary>The agency's 민원조정위원회 (Act §34, Decree §38): members, waiting agenda items and meetings; the service checks role and agency.</summary>
public sealed class IndexModel(CommitteeService committee) : PageModel
{
    public CommitteeOverview Overview { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
        Overview = await committee.OverviewAsync(User.ToActor(), ct);
    }

    public async Task<IActionResult> OnPostMemberAsync(string? name, string? position, bool isChair, bool isExternal, string? appointedOn, CancellationToken ct)
    {
        var day = DateOnly.TryParseExact(appointedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : DateOnly.FromDateTime(DateTime.UnixEpoch);
        var result = await committee.AddMemberAsync(User.ToActor(), name, position, isChair, isExternal, day, ct);
        return Done(result.Error, L.T("위원을 위촉했습니다.", "Member appointed."));
    }

    public async Task<IActionResult> OnPostAgendaAsync(CommitteeSubject subject, string? title, string? note, CancellationToken ct)
    {
        var result = await committee.ReferAsync(User.ToActor(), subject, null, title, note, ct);
        return Done(result.Error, L.T("안건을 올렸습니다.", "Agenda item added."));
    }

    public async Task<IActionResult> OnPostMeetingAsync(string? scheduledAt, string? place, CancellationToken ct)
    {
        if (!DateTime.TryParseExact(scheduledAt, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Done(PetitionError.Invalid("scheduledAt", "회의 일시를 고르십시오. (choose the meeting's date and time)"), "");
        }

        var result = await committee.ScheduleMeetingAsync(User.ToActor(), new DateTimeOffset(local, TimeSpan.FromHours(9)), place, ct);
        return Done(result.Error, L.T("회의를 잡았습니다.", "Meeting scheduled."));
    }

    public async Task<IActionResult> OnPostScheduleAsync(long itemId, long meetingId, CancellationToken ct)
    {
        var result = await committee.PutOnMeetingAsync(User.ToActor(), itemId, meetingId, ct);
        return Done(result.Error, L.T("안건을 회의에 올렸습니다.", "Item put on the meeting."));
    }

    private IActionResult Done(PetitionError? error, string message)
    {
        if (error is { Kind: PetitionErrorKind.NotFound })
        {
            return NotFound();
        }

        TempData[error is null ? "message" : "error"] = error is null ? message : Describe(error);
        return Redirect("/Committee");
    }

    internal static string Describe(PetitionError error) =>
        L.T(error.Message) + (error.Fields is { Count: > 0 } fields ? " — " + string.Join("; ", fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))) : "");
}
