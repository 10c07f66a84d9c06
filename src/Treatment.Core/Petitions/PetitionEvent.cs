namespace Treatment.Core.Petitions;

/// <summary>One audit event on a petition. Append-only: the database refuses UPDATE and DELETE on this table.</summary>
public sealed class PetitionEvent
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>received, transition, milestone, overdue, escalation, reassigned, revealed-personal-data, …</summary>
    public required string Type { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public string? Trigger { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public string? Reason { get; set; }

    /// <summary>Extra facts of the event as JSON (inputs, due before/after, milestone key …).</summary>
    public string? Data { get; set; }

    public int WorkflowVersion { get; set; }
}
