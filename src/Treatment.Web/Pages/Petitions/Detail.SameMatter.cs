using Microsoft.AspNetCore.Mvc;
using Treatment.Core.Petitions.SameMatter;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The petition page's earlier filings on the same matter (Act §23): suggestions and the official's judgement.</summary>
public sealed partial class DetailModel
{
    public IReadOnlyList<SameMatterCandidate> SameMatter { get; private set; } = [];

    public async Task<IActionResult> OnPostSameMatterAsync(long id, long earlierPetitionId, bool confirmed, string? reason, [FromServices] SameMatterService sameMatter, CancellationToken ct)
    {
        var result = await sameMatter.JudgeAsync(User.ToActor(), id, earlierPetitionId, confirmed ? SameMatterDecision.Confirmed : SameMatterDecision.Rejected, reason, ct);
        var done = result.Value is { } counts
            ? L.T($"판단을 기록했습니다. 같은 내용의 제출 {counts.Filings}회, 이전 결과 통지 {counts.EarlierResultNotices}회.",
                $"Judgement recorded: {counts.Filings} filing(s) on the same matter, {counts.EarlierResultNotices} earlier result notice(s).")
            : "";
        return Respond(id, result.Error, done);
    }

    private async Task LoadSameMatterAsync(long id, CancellationToken ct)
    {
        var sameMatter = HttpContext.RequestServices.GetRequiredService<SameMatterService>();
        SameMatter = await sameMatter.CandidatesAsync(User.ToActor(), id, ct) ?? [];
    }
}
