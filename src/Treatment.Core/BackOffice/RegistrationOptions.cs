using Treatment.Core.Agencies;
using Treatment.Core.Clock;

namespace Treatment.Core.BackOffice;

/// <summary>A treatment-standards row as the register form's affair picker shows it (Act §36).</summary>
public sealed record AffairOption(string Code, string NameKo, string NameEn, AgencyLevel Level, TreatmentPeriod? Period, string? PeriodNote, string Documents, string Fee, string Statute);

/// <summary>What the register form needs: the official's agency and the affairs catalogue.</summary>
public sealed record RegistrationOptions(string AgencyCode, string AgencyNameKo, string AgencyNameEn, IReadOnlyList<AffairOption> Affairs);
