namespace Treatment.Core.Clock;

/// <summary>A holiday added or corrected after start-up (e.g. a temporary holiday designated by the cabinet), audited.</summary>
public sealed class CalendarChange
{
    public long Id { get; set; }

    public DateOnly Date { get; set; }

    public required string NameKo { get; set; }

    /// <summary>true: the date becomes a holiday; false: a holiday is withdrawn (a correction).</summary>
    public bool IsHoliday { get; set; }

    public required string LegalBasis { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public Guid? AppliedById { get; set; }

    public int PetitionsRecomputed { get; set; }
}
