using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Treatment.Core.Clock;
using Treatment.Core.Complex;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The petition page's complex-petition panel (Act §§31–34): consultations beside the clock, the working committee, the guide.</summary>
public sealed partial class DetailModel
{
    public ComplexPanel? Complex { get; private set; }

    public async Task<IActionResult> OnPostDesignateComplexAsync(long id, [FromServices] ComplexPetitionService complex, CancellationToken ct) =>
        Respond(id, (await complex.DesignateAsync(User.ToActor(), id, ct)).Error, L.T("복합민원으로 지정했습니다.", "Designated a complex petition."));

    public async Task<IActionResult> OnPostConsultAsync(long id, int departmentId, string? question, string? period, [FromServices] ComplexPetitionService complex, CancellationToken ct)
    {
        var result = await complex.RequestConsultationAsync(User.ToActor(), id, departmentId, question, period, ct);
        var due = result.Value is { } c ? L.Kst(c.DueAt) : "";
        return Respond(id, result.Error, L.T($"협의를 요청했습니다. 회신 기한 {due}.", $"Consultation requested; answer due {due}."));
    }

    public async Task<IActionResult> OnPostGuideAsync(long id, Guid guideUserId, [FromServices] ComplexPetitionService complex, CancellationToken ct) =>
        Respond(id, (await complex.AssignGuideAsync(User.ToActor(), id, guideUserId, ct)).Error, L.T("민원후견인을 지정했습니다.", "Guide official assigned."));

    public async Task<IActionResult> OnPostMeetingAsync(long id, string? heldAt, string? members, bool jointSiteCheck, string? siteCheckNotes, WorkingCommitteeDecision decision, string? decisionText,
        [FromServices] ComplexPetitionService complex, CancellationToken ct)
    {
        // The form's local date and time is Korean time.
        var held = DateTime.TryParse(heldAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), DeadlineCalculator.KstOffset)
            : (DateTimeOffset?)null;
        if (held is null)
        {
            TempData["error"] = L.T("개최일시를 적으십시오.", "Give the date and time of the meeting.");
            return Redirect($"/Petitions/{id}");
        }

        var input = new WorkingCommitteeInput(held.Value, (members ?? "").Split('\n'), jointSiteCheck, siteCheckNotes, decision, decisionText ?? "");
        return Respond(id, (await complex.RecordMeetingAsync(User.ToActor(), id, input, ct)).Error, L.T("민원실무심의회 결과를 기록했습니다.", "Working committee recorded."));
    }

    public async Task<IActionResult> OnPostCommitteeAsync(long id, string? reason, [FromServices] ComplexPetitionService complex, CancellationToken ct) =>
        Respond(id, (await complex.RequestCoordinationCommitteeAsync(User.ToActor(), id, reason, ct)).Error, L.T("민원조정위원회 재심의를 요청했습니다.", "Re-deliberation requested."));

    private async Task LoadComplexAsync(long id, CancellationToken ct)
    {
        var complex = HttpContext.RequestServices.GetRequiredService<ComplexPetitionService>();
        Complex = await complex.PanelAsync(User.ToActor(), id, ct);
    }
}
