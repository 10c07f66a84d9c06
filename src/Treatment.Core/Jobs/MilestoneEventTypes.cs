using Treatment.Core.Petitions;

namespace Treatment.Core.Jobs;

/// <summary>The <see cref="PetitionEventTypes"/> the milestone sweep appends to a petition's timeline.</summary>
public static class MilestoneEventTypes
{
    public const string Overdue = PetitionEventTypes.Overdue;

    public const string Escalation = PetitionEventTypes.Escalation;

    public const string Reminder = PetitionEventTypes.Reminder;

    public const string ObligationBreach = PetitionEventTypes.ObligationBreach;

    public const string DueRecomputed = PetitionEventTypes.DueRecomputed;

    public const string Transition = PetitionEventTypes.Transition;

    public const string SweepQuarantined = PetitionEventTypes.SweepQuarantined;

    public const string SweepReleased = PetitionEventTypes.SweepReleased;

    /// <summary>Actor name of events written by the sweep.</summary>
    public const string SystemActor = "시스템 (System)";
}
