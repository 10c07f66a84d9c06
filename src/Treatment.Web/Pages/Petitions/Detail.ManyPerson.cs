using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Treatment.Core.Committee;
using Treatment.Core.Petitions.ManyPerson;
using Treatment.Web.BackOffice;

namespace Treatment.Web.Pages.Petitions;

/// <summary>The petition page's joint-petition panel: roster (Act §24), representatives (Decree §8), merging (Decree §6⑥) and referral to the committee (Act §34).</summary>
public sealed partial class DetailModel
{
    public ManyPersonView? ManyPerson { get; private set; }

    public IReadOnlyList<MergeCandidate> MergeCandidates { get; private set; } = [];

    public async Task<IActionResult> OnPostRosterAsync(long id, int signerCount, int householdCount, string? rosterReceivedOn, string? reason, [FromServices] ManyPersonService service, CancellationToken ct)
    {
        DateTimeOffset? received = DateOnly.TryParseExact(rosterReceivedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9))
            : null;
        var result = await service.RecordRosterAsync(User.ToActor(), id, signerCount, householdCount, received, reason, ct);
        return Respond(id, result.Error, L.T($"서명부를 기록했습니다: {signerCount}명, {householdCount}세대.", $"Roster recorded: {signerCount} signers, {householdCount} households."));
    }

    public async Task<IActionResult> OnPostRepresentativesAsync(long id, string[]? names, string[]? phones, bool chosenByAgency, [FromServices] ManyPersonService service, CancellationToken ct)
    {
        var inputs = (names ?? []).Select((n, i) => (Name: n, Phone: phones is { } p && i < p.Length ? p[i] : null))
            .Where(r => !string.IsNullOrWhiteSpace(r.Name)).Select(r => new RepresentativeInput(r.Name, r.Phone, null)).ToList();
        var result = await service.DesignateRepresentativesAsync(User.ToActor(), id, inputs, chosenByAgency ? RepresentativeChoice.Agency : RepresentativeChoice.Petitioners, ct);
        return Respond(id, result.Error, L.T($"대표자 {inputs.Count}명을 기록했습니다.", $"{inputs.Count} representative(s) recorded."));
    }

    public async Task<IActionResult> OnPostMergeAsync(long id, long[]? petitionIds, string? reason, [FromServices] ManyPersonService service, CancellationToken ct)
    {
        var result = await service.MergeAsync(User.ToActor(), id, petitionIds ?? [], reason, ct);
        return Respond(id, result.Error, L.T($"민원 {result.Value}건을 병합했습니다.", $"{result.Value} petition(s) merged into this one."));
    }

    public async Task<IActionResult> OnPostReferAsync(long id, CommitteeSubject subject, string? note, [FromServices] CommitteeService committee, CancellationToken ct)
    {
        var result = await committee.ReferAsync(User.ToActor(), subject, id, null, note, ct);
        return Respond(id, result.Error, L.T("민원조정위원회 안건으로 올렸습니다.", "Put on the committee's agenda."));
    }

    private async Task LoadManyPersonAsync(long id, CancellationToken ct)
    {
        var service = HttpContext.RequestServices.GetRequiredService<ManyPersonService>();
        ManyPerson = await service.ViewAsync(User.ToActor(), id, ct);
        if (View.Petition.IsOpen && ManyPerson?.MergedIntoPetitionId is null)
        {
            MergeCandidates = await service.MergeCandidatesAsync(User.ToActor(), id, ct);
        }
    }
}
