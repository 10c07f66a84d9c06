namespace Treatment.Core.Agencies;

/// <summary>A department (과) of an agency; one per agency is its civil-affairs (petitions) office.</summary>
public sealed class Department
{
    public int Id { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public required string Code { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    /// <summary>The 민원실 that receives petitions without a competent department yet (Decree §13①).</summary>
    public bool IsPetitionsOffice { get; set; }

    /// <summary>Contact named on notices (Decree §31).</summary>
    public string? Phone { get; set; }

    /// <summary>How the department's queue reaches its officials; set by an admin (decision 011).</summary>
    public Assignment.DistributionPolicy DistributionPolicy { get; set; }

    /// <summary>Automatic distribution prefers the officials matched to the petition's kind or affair, when any are.</summary>
    public bool DistributeByMatch { get; set; }

    /// <summary>Round-robin position, advanced by one atomic UPDATE per automatic assignment.</summary>
    public int DistributionCursor { get; set; }
}
