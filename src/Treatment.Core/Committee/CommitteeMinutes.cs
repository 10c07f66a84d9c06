using System.Globalization;
using System.Net;
using System.Text;
using Scriban;
using Scriban.Runtime;

namespace Treatment.Core.Committee;

/// <summary>A member as the minutes list them.</summary>
public sealed record MinutesMember(string Name, string Position, bool Chair, bool External, bool Present);

/// <summary>An agenda item as the minutes list it, with its decision.</summary>
public sealed record MinutesItem(int Number, CommitteeSubject Subject, string Title, string? ReceiptNumber, CommitteeResolution? Resolution, string? Reason, string? Hearing);

/// <summary>
/// Renders a meeting's minutes from templates/committee/minutes.html.sbn (Korean first, English second), parsed and
/// tried on a sample at start-up with strict variables. Every value is HTML-encoded before rendering.
/// </summary>
public sealed class CommitteeMinutes
{
    public const string TemplateFile = "committee/minutes.html.sbn";

    private readonly Template _template;

    private CommitteeMinutes(Template template) => _template = template;

    public static CommitteeMinutes Load(string templatesFolder)
    {
        var path = Path.Combine(templatesFolder, TemplateFile);
        var template = Template.Parse(File.ReadAllText(path, Encoding.UTF8), Path.Combine("templates", TemplateFile));
        if (template.HasErrors)
        {
            throw new InvalidDataException("committee minutes template has errors:\n" + string.Join("\n", template.Messages));
        }

        var minutes = new CommitteeMinutes(template);
        minutes.Render("서울특별시 종로구", "Jongno-gu, Seoul", DateTimeOffset.UnixEpoch, "회의실",
            [new MinutesMember("위원장", "부구청장", true, false, true)],
            [new MinutesItem(1, CommitteeSubject.ManyPersonClosure, "<b>표본</b>", "2025-X-1", CommitteeResolution.Approved, "사유", "출석 요청")]);
        return minutes;
    }

    public string Render(string agencyKo, string agencyEn, DateTimeOffset scheduledAt, string place, IReadOnlyList<MinutesMember> members, IReadOnlyList<MinutesItem> items)
    {
        var kst = scheduledAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var globals = new ScriptObject
        {
            ["agency"] = new ScriptObject { ["name_ko"] = E(agencyKo), ["name_en"] = E(agencyEn) },
            ["meeting"] = new ScriptObject { ["at"] = kst, ["place"] = E(place), ["present"] = members.Count(m => m.Present), ["members"] = members.Count },
            ["members"] = members.Select(m => new ScriptObject { ["name"] = E(m.Name), ["position"] = E(m.Position), ["chair"] = m.Chair, ["external"] = m.External, ["present"] = m.Present }).ToList(),
            ["items"] = items.Select(i => new ScriptObject
            {
                ["number"] = i.Number,
                ["subject_ko"] = CommitteeTitles.Subject(i.Subject).Ko,
                ["subject_en"] = CommitteeTitles.Subject(i.Subject).En,
                ["title"] = E(i.Title),
                ["receipt_number"] = E(i.ReceiptNumber ?? ""),
                ["resolution_ko"] = i.Resolution is { } r ? CommitteeTitles.Resolution(r).Ko : "미결",
                ["resolution_en"] = i.Resolution is { } r2 ? CommitteeTitles.Resolution(r2).En : "Not decided",
                ["reason"] = E(i.Reason ?? ""),
                ["hearing"] = E(i.Hearing ?? ""),
            }).ToList(),
        };
        var context = Notices.TemplateBuiltins.Context(loopLimit: 10_000);
        context.PushGlobal(globals);
        return _template.Render(context);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}

/// <summary>Korean and English titles of subjects, resolutions and hearing modes (pages, minutes, CSV).</summary>
public static class CommitteeTitles
{
    public static (string Ko, string En) Subject(CommitteeSubject subject) => subject switch
    {
        CommitteeSubject.ManyPersonClosure => ("다수인관련민원 종결 심의 (시행령 §26)", "Closing a many-person petition (Decree §26)"),
        CommitteeSubject.LongUnresolved => ("장기 미해결 민원 (법 §34①)", "Long-unresolved petition (Act §34①)"),
        CommitteeSubject.Objection => ("거부처분 이의신청 (법 §34①, §35)", "Objection to a refusal (Act §34①, §35)"),
        CommitteeSubject.ComplexReDeliberation => ("복합민원 재심의 (법 §34①)", "Re-deliberation of a complex petition (Act §34①)"),
        CommitteeSubject.UnclearOwnership => ("소관 불분명 민원 (시행령 §38)", "Ownership unclear (Decree §38)"),
        _ => ("연 1회 정기 심의 (시행령 §38조의2)", "Yearly review (Decree §38-2)"),
    };

    public static (string Ko, string En) Resolution(CommitteeResolution resolution) => resolution switch
    {
        CommitteeResolution.Approved => ("원안 의결 (승인)", "Approved"),
        CommitteeResolution.NotApproved => ("부결 (불승인)", "Not approved"),
        _ => ("권고·의견 제시", "Advice given"),
    };

    public static (string Ko, string En) Hearing(HearingMode mode) => mode == HearingMode.Attend
        ? ("출석 요청", "Asked to attend")
        : ("서면 의견 제출 요청", "Asked for written views");
}
