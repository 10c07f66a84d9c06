using Microsoft.AspNetCore.Identity;

namespace Treatment.Core.Agencies;

/// <summary>A back-office user (official, supervisor, examiner, analyst, admin), scoped to one agency and department.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public int? DepartmentId { get; set; }

    public Department? Department { get; set; }

    /// <summary>Office phone named on notices (Decree §31).</summary>
    public string? OfficePhone { get; set; }

    public bool IsActive { get; set; } = true;
}
