using System.Globalization;
using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Notices;

/// <summary>Fills a <see cref="NoticeModel"/> from a petition and the transition that issues the notice.</summary>
public static class NoticeModels
{
    private static readonly TimeZoneInfo KoreaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static NoticeModel Build(
        Petition petition,
        Agency agency,
        CivilAffair? affair,
        WorkflowDefinition definition,
        FireResult result,
        TriggerInputs inputs,
        TriggerInputs? earlierDecision,
        Actor actor,
        string language,
        string? systemOfficialName = null)
    {
        var ko = language == "ko";
        // Decree §31: the notice names the official's unit, name and contact; the system signs for the handling department.
        var unit = agency.Departments.FirstOrDefault(d => d.Id == (actor.UserId is null ? petition.DepartmentId : actor.DepartmentId ?? petition.DepartmentId))
                   ?? agency.Departments.FirstOrDefault(d => d.IsPetitionsOffice);
        var officialName = actor.UserId is null ? systemOfficialName ?? (ko ? "민원 담당자" : "Civil petitions officer") : actor.Name;
        var due = DueText(petition);
        var state = definition.FindState(result.NewState);
        var decision = inputs.DecisionText ?? earlierDecision?.DecisionText ?? (ko ? result.Transition.Title.Ko : result.Transition.Title.En);
        var model = new NoticeModel()
            .Set("agency", "name", ko ? agency.NameKo : agency.NameEn)
            .Set("official", "unit", unit is null ? "" : ko ? unit.NameKo : unit.NameEn)
            .Set("official", "name", officialName)
            .Set("official", "contact", unit?.Phone ?? "")
            .Set("petitioner", "name", petition.PetitionerName)
            .Set("petition", "number", petition.ReceiptNumber)
            .Set("petition", "title", petition.Title)
            .Set("petition", "received_at", Instant(petition.ReceivedAt))
            .Set("petition", "due", due)
            .Set("petition", "guidance", Guidance(affair, ko))
            .Set("supplementation", "items", inputs.DecisionText ?? inputs.Reason)
            .Set("supplementation", "reason", inputs.Reason)
            .Set("supplementation", "due_date", Day(petition.SupplementDueOn))
            .Set("extension", "reason", inputs.Reason)
            .Set("extension", "days", inputs.ExtensionDays)
            .Set("extension", "expected_completion", due)
            .Set("transferral", "target", inputs.TransferTarget)
            .Set("transferral", "reason", inputs.Reason)
            .Set("transferral", "at", Instant(petition.UpdatedAt))
            .Set("progress", "summary", state is null ? result.NewState : ko ? state.Title.Ko : state.Title.En)
            .Set("progress", "expected_completion", due)
            .Set("result", "decision", decision)
            .Set("result", "reason", inputs.Reason ?? earlierDecision?.Reason)
            .Set("result", "remedies", inputs.Remedies ?? earlierDecision?.Remedies)
            .Set("result", "refused", result.NewState == "refusal-notified")
            .Set("objection", "received_on", petition.ClockLimit == PetitionClock.ObjectionDecisionLimit && petition.ClockStartedAt is { } o ? Day(PetitionClock.KoreanDate(o)) : null)
            .Set("objection", "decision", decision)
            .Set("objection", "reason", inputs.Reason)
            .Set("objection", "remedies", inputs.Remedies ?? (ko ? "행정심판법에 따른 행정심판, 행정소송법에 따른 행정소송" : "an administrative appeal or an administrative lawsuit"));
        return model;
    }

    /// <summary>
    /// The sections every notice has (agency, official, petitioner, petition) for a notice no transition sends: a
    /// merge or a committee hearing. The official is the actor, signing for the actor's department (Decree §31).
    /// </summary>
    public static NoticeModel Base(Petition petition, Agency agency, Actor actor, string language)
    {
        var ko = language == "ko";
        var unit = agency.Departments.FirstOrDefault(d => d.Id == (actor.DepartmentId ?? petition.DepartmentId))
                   ?? agency.Departments.FirstOrDefault(d => d.IsPetitionsOffice);
        return new NoticeModel()
            .Set("agency", "name", ko ? agency.NameKo : agency.NameEn)
            .Set("official", "unit", unit is null ? "" : ko ? unit.NameKo : unit.NameEn)
            .Set("official", "name", actor.Name)
            .Set("official", "contact", unit?.Phone ?? "")
            .Set("petitioner", "name", petition.PetitionerName)
            .Set("petition", "number", petition.ReceiptNumber)
            .Set("petition", "title", petition.Title)
            .Set("petition", "received_at", Instant(petition.ReceivedAt))
            .Set("petition", "due", DueText(petition));
    }

    /// <summary>An instant as notices print it (KST).</summary>
    public static string KstText(DateTimeOffset instant) => Instant(instant);

    /// <summary>The due as a petitioner reads it: date and time in KST when counted in hours, the date otherwise.</summary>
    public static string DueText(Petition petition)
    {
        if (petition.DueAt is not { } due)
        {
            return "";
        }

        var local = TimeZoneInfo.ConvertTime(due, KoreaTime);
        return petition.DueUnit == DueUnit.Hours
            ? local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string Instant(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, KoreaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Guidance(CivilAffair? affair, bool ko)
    {
        if (affair is null)
        {
            return ko ? "별도 구비서류 없음" : "No documents required";
        }

        var documents = string.IsNullOrWhiteSpace(affair.RequiredDocumentsKo) ? (ko ? "없음" : "none") : affair.RequiredDocumentsKo;
        var fee = string.IsNullOrWhiteSpace(affair.Fee) ? "0" : affair.Fee;
        return ko ? $"{documents} (수수료 {fee}원)" : $"{documents} (fee KRW {fee})";
    }
}
