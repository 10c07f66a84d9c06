namespace Treatment.Core.Notices;

/// <summary>
/// What a notice template may read: sections agency, official, petitioner, petition, supplementation, extension, transferral,
/// progress, result, objection, merge and committee (templates/README.md). Every section and key is always present, so that strict
/// templates fail at start-up on a misspelt name rather than on a citizen's notice.
/// </summary>
public sealed class NoticeModel
{
    public static readonly IReadOnlyDictionary<string, string[]> Shape = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["agency"] = ["name"],
        ["official"] = ["unit", "name", "contact"],
        ["petitioner"] = ["name"],
        ["petition"] = ["number", "title", "received_at", "due", "guidance", "lookup_code"],
        ["supplementation"] = ["items", "reason", "due_date"],
        ["extension"] = ["reason", "days", "expected_completion"],
        ["transferral"] = ["target", "reason", "at"],
        ["progress"] = ["summary", "expected_completion"],
        ["result"] = ["decision", "reason", "remedies", "refused"],
        ["objection"] = ["received_on", "decision", "reason", "remedies"],
        ["merge"] = ["treated_number", "group_size"],
        ["committee"] = ["subject", "meeting_at", "place", "attend", "views_due"],
    };

    private readonly Dictionary<string, Dictionary<string, object?>> _sections = Shape.ToDictionary(
        s => s.Key, s => s.Value.ToDictionary(k => k, _ => (object?)null, StringComparer.Ordinal), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Dictionary<string, object?>> Sections => _sections;

    /// <summary>Sets one value; an unknown section or key is a programming error, caught by the golden tests.</summary>
    public NoticeModel Set(string section, string key, object? value)
    {
        if (!_sections.TryGetValue(section, out var values) || !values.ContainsKey(key))
        {
            throw new ArgumentException($"notice model has no {section}.{key}", nameof(key));
        }

        values[key] = value;
        return this;
    }

    public object? Get(string section, string key) => _sections[section][key];

    /// <summary>A model with every value filled, used to check the templates at start-up and in the golden tests.</summary>
    public static NoticeModel Sample(string language)
    {
        var ko = language == "ko";
        return new NoticeModel()
            .Set("agency", "name", ko ? "서울특별시 종로구" : "Jongno-gu, Seoul")
            .Set("official", "unit", ko ? "민원여권과" : "Civil Affairs and Passport Division")
            .Set("official", "name", "김민원")
            .Set("official", "contact", "02-2148-1100")
            .Set("petitioner", "name", "홍길동")
            .Set("petition", "number", "2025-SEOUL-JONGNO-000123")
            .Set("petition", "title", "건축물대장 발급 <script>alert(1)</script> 🏠")
            .Set("petition", "received_at", "2025-07-07 10:00")
            .Set("petition", "due", "2025-07-14")
            .Set("petition", "guidance", ko ? "신청서, 신분증" : "Application form, ID card")
            .Set("petition", "lookup_code", "ABCDE-FGHJK")
            .Set("supplementation", "items", ko ? "위임장" : "Power of attorney")
            .Set("supplementation", "reason", ko ? "대리 신청에 위임장이 없음" : "Filed by a proxy without a power of attorney")
            .Set("supplementation", "due_date", "2025-07-17")
            .Set("extension", "reason", ko ? "현장 확인 필요" : "A site visit is needed")
            .Set("extension", "days", 5)
            .Set("extension", "expected_completion", "2025-07-21")
            .Set("transferral", "target", ko ? "서울특별시 마포구" : "Mapo-gu, Seoul")
            .Set("transferral", "reason", ko ? "소관 기관이 아님" : "Not the competent agency")
            .Set("transferral", "at", "2025-07-07 14:00")
            .Set("progress", "summary", ko ? "처리부서 검토 중" : "Under review by the department")
            .Set("progress", "expected_completion", "2025-07-14")
            .Set("result", "decision", ko ? "거부" : "Refused")
            .Set("result", "reason", ko ? "관계 법령상 허가 요건 미충족" : "The statutory requirements are not met")
            .Set("result", "remedies", ko ? "이의신청, 행정심판, 행정소송" : "Objection, administrative appeal, administrative litigation")
            .Set("result", "refused", true)
            .Set("objection", "received_on", "2025-08-01")
            .Set("objection", "decision", ko ? "기각" : "Dismissed")
            .Set("objection", "reason", ko ? "원처분이 적법함" : "The original decision was lawful")
            .Set("objection", "remedies", ko ? "행정심판 또는 행정소송" : "Administrative appeal or administrative litigation")
            .Set("merge", "treated_number", "2025-SEOUL-JONGNO-000120")
            .Set("merge", "group_size", 6)
            .Set("committee", "subject", ko ? "다수인관련민원 종결 심의" : "Closing a many-person petition")
            .Set("committee", "meeting_at", "2025-07-21 14:00")
            .Set("committee", "place", ko ? "종로구청 3층 소회의실" : "Jongno-gu Office, 3rd floor meeting room")
            .Set("committee", "attend", true)
            .Set("committee", "views_due", "2025-07-18");
    }
}
