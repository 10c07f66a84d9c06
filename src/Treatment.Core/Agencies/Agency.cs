namespace Treatment.Core.Agencies;

/// <summary>Level of an administrative agency; also the level a civil affair is handled at.</summary>
public enum AgencyLevel
{
    Central,
    Metropolitan,
    Local,
    Town,
    PublicInstitution,
}

/// <summary>An administrative agency: a central ministry, a metropolitan city, a district office or a town office.</summary>
public sealed class Agency
{
    public int Id { get; set; }

    /// <summary>Stable code used in receipt numbers and the API, e.g. "SEOUL-JONGNO".</summary>
    public required string Code { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    public AgencyLevel Level { get; set; }

    /// <summary>The supervising agency (a ministry over its agencies, a city over its districts).</summary>
    public int? ParentId { get; set; }

    public Agency? Parent { get; set; }

    public List<Department> Departments { get; set; } = [];
}
