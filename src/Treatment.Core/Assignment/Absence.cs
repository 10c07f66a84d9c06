namespace Treatment.Core.Assignment;

/// <summary>An official's absence (휴가·출장 등), both days included, with an optional substitute (대리).</summary>
public sealed class Absence
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public Guid? SubstituteId { get; set; }

    public string? Reason { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the absent official's open petitions were moved (to the substitute or the queue); null until then.</summary>
    public DateTimeOffset? AppliedAt { get; set; }

    public bool Covers(DateOnly day) => StartsOn <= day && day <= EndsOn;
}

/// <summary>An official who takes the department's petitions of one kind or one affair when distribution goes by match.</summary>
public sealed class DistributionMatch
{
    public long Id { get; set; }

    public int DepartmentId { get; set; }

    public Guid UserId { get; set; }

    public Petitions.PetitionKind? Kind { get; set; }

    public int? AffairId { get; set; }
}
