using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Affairs;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>The prior examination a formal petition follows and the documents carried over from it (null when none is named).</summary>
public sealed record PriorExaminationLinkResult(Petition? Examination, IReadOnlyList<AttachmentMetadata>? Carried, PetitionError? Error);

/// <summary>
/// Links a legal petition to the prior examination (사전심사청구, Act §30) it follows: the examination of the same agency
/// and affair, with its result notified. The documents handed in for it are carried over into the formal petition's
/// receipt, so they count as submitted and are not asked for again (Decree §34, policy
/// <c>prior-examination-documents-carried-over</c>).
/// </summary>
public static class PriorExaminationLink
{
    public static async Task<PriorExaminationLinkResult> ResolveAsync(TreatmentDbContext db, IntakeRequest request, int agencyId, CivilAffair? affair, CancellationToken ct)
    {
        if (request.PriorExaminationReceiptNumber is not { } number)
        {
            return new PriorExaminationLinkResult(null, null, null);
        }

        var examination = await db.Petitions.AsNoTracking()
            .FirstOrDefaultAsync(p => p.ReceiptNumber == number.Trim() && p.AgencyId == agencyId && p.Kind == PetitionKind.PriorExamination, ct);
        if (examination is null)
        {
            return Refused("이 기관에 그 접수번호의 사전심사청구가 없습니다. (no prior examination with this receipt number at this agency)");
        }

        if (examination.AffairId != affair?.Id)
        {
            return Refused("사전심사청구와 사무가 다릅니다. (the prior examination was for another affair)");
        }

        if (examination.IsOpen || examination.DecidedAt is null)
        {
            return Refused("사전심사 결과가 아직 통지되지 않았습니다. (the prior examination's result has not been notified yet)");
        }

        var receipt = await db.PetitionEvents.AsNoTracking()
            .Where(e => e.PetitionId == examination.Id && e.Type == PetitionEventTypes.Received)
            .Select(e => e.Data).FirstOrDefaultAsync(ct);
        var carried = receipt is null ? null : JsonSerializer.Deserialize<ReceivedData>(receipt, PetitionChange.EventJson)?.Attachments;
        return new PriorExaminationLinkResult(examination, carried is { Count: > 0 } ? carried : null, null);
    }

    private static PriorExaminationLinkResult Refused(string message) =>
        new(null, null, PetitionError.Invalid("priorExaminationReceiptNumber", message));
}
