namespace Treatment.Core.Jobs;

/// <summary>
/// A petition the milestone sweep set aside because applying its milestone threw, alone and again: the sweep passes it
/// by until an admin releases it, so one bad row never holds back the milestones of every other petition.
/// </summary>
public sealed class SweepQuarantine
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public int AgencyId { get; set; }

    public required string Milestone { get; set; }

    public DateTimeOffset QuarantinedAt { get; set; }

    public required string Error { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public Guid? ReleasedById { get; set; }
}
