using Treatment.Core.Affairs;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Security;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>The rules of intake that need no database: routing, the treatment period, the resident-number rule.</summary>
public static class IntakeRules
{
    /// <summary>The department the affair's routing names, else the agency's petitions office (Decree §13①).</summary>
    public static Department RouteTo(Agency agency, CivilAffair? affair, RoutingTable routing)
    {
        var office = agency.Departments.FirstOrDefault(d => d.IsPetitionsOffice) ?? agency.Departments.OrderBy(d => d.Id).First();
        if (affair is null || routing.DepartmentCodeFor(affair.Code) is not { } code)
        {
            return office;
        }

        return agency.Departments.FirstOrDefault(d => d.Code == code) ?? office;
    }

    /// <summary>The statutory period: the affair's (Act §17, §36), the sub-kind's, or the kind's fixed one.</summary>
    public static (TreatmentPeriod Value, PetitionError? Error) PeriodFor(WorkflowDefinition definition, IntakeRequest request, CivilAffair? affair)
    {
        switch (definition.Period.Kind)
        {
            case PeriodRuleKind.AffairsCatalogue:
                return affair?.Period is { } period
                    ? (period, null)
                    : (default, new PetitionError(PetitionErrorKind.RuleBroken, "affair-without-period",
                        new LocalizedText($"사무 '{affair?.NameKo}'의 처리기간이 민원처리기준표에 정해져 있지 않아 기한을 계산할 수 없습니다.", $"The affair '{affair?.NameEn}' has no treatment period in the standards table, so no due can be computed.")));
            case PeriodRuleKind.PriorExamination:
                // Decree §34②: under 30 days the affair's own period, otherwise at most 30 days.
                return affair?.Period is { } affairPeriod
                    ? (PriorExaminationPeriod.For(affairPeriod), null)
                    : (default, new PetitionError(PetitionErrorKind.RuleBroken, "affair-without-period",
                        new LocalizedText($"사무 '{affair?.NameKo}'의 처리기간이 민원처리기준표에 정해져 있지 않아 기한을 계산할 수 없습니다.", $"The affair '{affair?.NameEn}' has no treatment period in the standards table, so no due can be computed.")));
            case PeriodRuleKind.BySubKind:
                return definition.Period.PeriodFor(request.SubKind) is { } bySubKind
                    ? (bySubKind, null)
                    : (default, PetitionError.Invalid("subKind", $"{string.Join(" | ", definition.Period.SubKinds.Select(s => s.Name))} 중 하나여야 합니다. (one of {string.Join(", ", definition.Period.SubKinds.Select(s => s.Name))})"));
            default:
                return (definition.Period.Fixed ?? TreatmentPeriod.Immediate, request.SubKind is null ? null : PetitionError.Invalid("subKind", "이 종류의 민원에는 세부 종류가 없습니다. (this kind has no sub-kind)"));
        }
    }

    /// <summary>Identical paper certificates one person asks for at once that earn one more day (Decree §12⑤).</summary>
    public const int CertificatesPerExtraDay = 20;

    /// <summary>
    /// Decree §12⑤: one more day per 20 identical certificates requested at once (policy <c>certificate-bulk-days</c>:
    /// whole twenties, rounded down; an immediate period becomes that many days, a day period grows by them).
    /// </summary>
    public static TreatmentPeriod WithBulkCertificates(TreatmentPeriod period, int copies)
    {
        var extra = copies / CertificatesPerExtraDay;
        if (extra <= 0)
        {
            return period;
        }

        return period.Unit switch
        {
            PeriodUnit.Immediate => TreatmentPeriod.Days(extra),
            PeriodUnit.Days => TreatmentPeriod.Days(period.Value + extra),
            _ => period, // hours, weeks, months and years are no certificate periods in the standards table
        };
    }

    /// <summary>A resident registration number only where the affair's law requires one (Decree §52), and then it must be well formed.</summary>
    public static PetitionError? ResidentNumberError(IntakeRequest request, CivilAffair? affair)
    {
        var rrn = request.Petitioner.ResidentNumber;
        if (affair?.RequiresResidentNumber == true)
        {
            return PersonalDataProtector.IsWellFormedResidentNumber(rrn)
                ? null
                : PetitionError.Invalid("petitioner.residentNumber", "이 사무는 주민등록번호(13자리)가 필요합니다. (this affair requires a 13-digit resident registration number)");
        }

        return rrn is null
            ? null
            : PetitionError.Invalid("petitioner.residentNumber", "이 사무는 주민등록번호를 받지 않습니다(시행령 §52). (this affair does not collect resident registration numbers)");
    }
}
