using Treatment.Core.Agencies;
using Treatment.Core.Clock;

namespace Treatment.Core.Affairs;

/// <summary>
/// A legal civil affair with its treatment standard (민원처리기준표 row, Act §36): period, documents, fee, statute.
/// Values are defaults an agency may override; the source travels with the row so the UI can show it.
/// </summary>
public sealed class CivilAffair
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    public AgencyLevel AgencyLevel { get; set; }

    public string? AgencyExample { get; set; }

    /// <summary>Null when the standard states no usable period (reported by the importer, never guessed).</summary>
    public PeriodUnit? PeriodUnit { get; set; }

    public int? PeriodValue { get; set; }

    /// <summary>The period as the source states it (e.g. "2-70 days") when it could not be parsed.</summary>
    public string? PeriodNote { get; set; }

    public string RequiredDocumentsKo { get; set; } = "";

    public string Fee { get; set; } = "";

    public string Statute { get; set; } = "";

    public string Source { get; set; } = "";

    /// <summary>The governing law requires a resident registration number (Decree §52); otherwise none is accepted.</summary>
    public bool RequiresResidentNumber { get; set; }

    /// <summary>The template of the document the affair issues on its decision ("documents/resident-registration"); null for affairs that issue none (a report such as 전입신고).</summary>
    public string? DocumentTemplate { get; set; }

    public TreatmentPeriod? Period => PeriodUnit is { } unit
        ? new TreatmentPeriod(unit, unit == Clock.PeriodUnit.Immediate ? 0 : PeriodValue ?? 0)
        : null;
}
