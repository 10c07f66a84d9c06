using Treatment.Core.Clock;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>
/// The simplest correct planner: the next milestone of a running petition is its due. The full planner (reminders,
/// obligations, escalations) replaces it by registering its own <see cref="IMilestonePlanner"/>.
/// </summary>
public sealed class DueMilestonePlanner : IMilestonePlanner
{
    public const string DueMilestone = "due";

    public MilestonePlan Plan(Petition petition, WorkflowDefinition definition, DateTimeOffset now)
    {
        if (!petition.IsOpen || petition.ClockState != ClockState.Running || petition.DueAt is not { } due)
        {
            return new MilestonePlan(null, null);
        }

        var name = definition.Milestones.FirstOrDefault(m => m.Anchor == MilestoneAnchor.Due && m.Offset is null)?.Name ?? DueMilestone;
        return new MilestonePlan(due, name);
    }
}
