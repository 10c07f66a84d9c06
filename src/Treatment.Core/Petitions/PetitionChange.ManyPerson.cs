using Treatment.Core.Clock;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>Many-person petitions and merged groups (Act §24, Decree §§6⑥, 8) through the one change path.</summary>
public sealed partial class PetitionChange
{
    /// <summary>The signer roster recorded or corrected (Act §24①): counts, the original roster's receipt, and the event.</summary>
    public PetitionEvent RecordRoster(Petition petition, WorkflowDefinition? definition, int signers, int households, DateTimeOffset? rosterReceivedAt, Actor actor, string? reason, DateTimeOffset now)
    {
        var data = new RosterRecordedData(petition.SignerCount, petition.HouseholdCount, signers, households, rosterReceivedAt,
            ManyPersonPetition.Qualifies(petition.SignerCount, petition.HouseholdCount), ManyPersonPetition.Qualifies(signers, households));
        (petition.SignerCount, petition.HouseholdCount, petition.RosterReceivedAt, petition.UpdatedAt) = (signers, households, rosterReceivedAt?.ToUniversalTime(), now);
        var recorded = Event(petition, definition, PetitionEventTypes.RosterRecorded, actor.UserId, actor.Name, now, data, petition.State, petition.State);
        recorded.Reason = reason;
        return recorded;
    }

    /// <summary>
    /// Merges a petition into the treated one (Decree §6⑥): it closes here, its clock stopped and nothing planned, its
    /// state kept; it takes the treated petition's outcome and notices later (<see cref="FollowTreated"/>).
    /// </summary>
    public PetitionEvent Merge(Petition member, WorkflowDefinition? definition, Petition treated, int groupSize, Actor actor, string reason, DateTimeOffset now)
    {
        member.MergedIntoPetitionId = treated.Id;
        member.IsOpen = false;
        member.ClosedAt = now;
        member.ClockState = ClockState.Stopped;
        member.ClockGeneration++;
        member.Overdue = false;
        member.NextMilestoneAt = null;
        member.NextMilestone = null;
        member.UpdatedAt = now;
        var recorded = Event(member, definition, PetitionEventTypes.Merged, actor.UserId, actor.Name, now, new MergedData(treated.Id, treated.ReceiptNumber, groupSize), member.State, member.State);
        recorded.Reason = reason;
        return recorded;
    }

    /// <summary>The treated petition of a merged group: the event naming the petitions merged into it.</summary>
    public static PetitionEvent GroupFormed(Petition treated, WorkflowDefinition? definition, IReadOnlyList<string> memberReceiptNumbers, Actor actor, string reason, DateTimeOffset now)
    {
        treated.UpdatedAt = now;
        var recorded = Event(treated, definition, PetitionEventTypes.MergedGroupFormed, actor.UserId, actor.Name, now, new MergedGroupData(memberReceiptNumbers), treated.State, treated.State);
        recorded.Reason = reason;
        return recorded;
    }

    /// <summary>
    /// A merged petition follows a transition of the treated one: its outcome and decision instant become the treated
    /// petition's, and the notices that transition sent are sent to its petitioner too (rendered by the caller).
    /// </summary>
    public static PetitionEvent FollowTreated(Petition member, Petition treated, string trigger, IReadOnlyList<string> notices, Actor actor, DateTimeOffset now)
    {
        member.Outcome = treated.Outcome ?? member.Outcome;
        member.DecidedAt = treated.DecidedAt ?? member.DecidedAt;
        member.UpdatedAt = now;
        return Event(member, null, PetitionEventTypes.MergedOutcomeFollowed, actor.UserId, actor.Name, now,
            new MergedOutcomeData(treated.ReceiptNumber, trigger, treated.State, treated.Outcome, notices.Count > 0 ? notices : null), member.State, member.State);
    }
}

/// <summary>Data of a "roster-recorded" event: the counts before and after, and whether the petition is many-person (Act §2(6)) before and after.</summary>
public sealed record RosterRecordedData(int SignersBefore, int HouseholdsBefore, int Signers, int Households, DateTimeOffset? RosterReceivedAt, bool WasManyPerson, bool IsManyPerson);

/// <summary>Data of a "merged" event: the treated petition and the group's size.</summary>
public sealed record MergedData(long TreatedPetitionId, string TreatedReceiptNumber, int GroupSize);

/// <summary>Data of a "merged-group-formed" event: the petitions merged into the treated one.</summary>
public sealed record MergedGroupData(IReadOnlyList<string> Members);

/// <summary>Data of a "merged-outcome-followed" event.</summary>
public sealed record MergedOutcomeData(string TreatedReceiptNumber, string Trigger, string TreatedState, string? Outcome, IReadOnlyList<string>? Notices);
