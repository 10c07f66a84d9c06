namespace Treatment.Core.Clock;

/// <summary>Korean and English names of the excluded-period types (rulebook §3.1).</summary>
public static class ExclusionNames
{
    public static string Korean(ExclusionType type) => type switch
    {
        ExclusionType.Supplement => "보완",
        ExclusionType.Transit => "문서 이송",
        ExclusionType.RepresentativeSelection => "대표자 선정",
        ExclusionType.OpinionHearing => "의견청취",
        ExclusionType.ExpertProcedure => "시험·검사·감정 등",
        ExclusionType.PrecedingTask => "선행 사무",
        ExclusionType.CertificateFetch => "증명서 발급·확인",
        ExclusionType.PrecedingPetition => "선행 민원",
        ExclusionType.GrievanceFieldInvestigation => "고충민원 현지조사",
        _ => "기타",
    };

    public static string English(ExclusionType type) => type switch
    {
        ExclusionType.Supplement => "supplementation",
        ExclusionType.Transit => "document transit",
        ExclusionType.RepresentativeSelection => "selection of representatives",
        ExclusionType.OpinionHearing => "hearing of opinions",
        ExclusionType.ExpertProcedure => "test, inspection or appraisal",
        ExclusionType.PrecedingTask => "preceding task",
        ExclusionType.CertificateFetch => "certificate fetch",
        ExclusionType.PrecedingPetition => "preceding petition",
        ExclusionType.GrievanceFieldInvestigation => "grievance field investigation",
        _ => "unspecified",
    };

    /// <summary>Parses the kebab-case or PascalCase name used on the command line and in the API (e.g. supplement, field-investigation).</summary>
    public static bool TryParse(string text, out ExclusionType type)
    {
        var compact = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse(compact, ignoreCase: true, out type) && Enum.IsDefined(type);
    }
}
