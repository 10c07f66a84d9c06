using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>
/// Obligations that only a late fulfilment reveals: a window milestone that reminds rather than breaches (e.g. the
/// supplementation request within 8 working hours, Rule §9①) is breached when its trigger is fired after the window.
/// The petition service records what this returns in the trigger's transaction; windows whose action is
/// obligation-overdue are recorded by the sweep when they pass.
/// </summary>
public static class LateFulfilment
{
    public static IReadOnlyList<ObligationBreach> Find(WorkflowMilestonePlanner planner, Petition petition, WorkflowDefinition definition, string trigger, DateTimeOffset firedAt) =>
        planner.Enumerate(petition, definition, DateTimeOffset.MinValue)
            .Where(m => m.Definition.Action == MilestoneActions.RemindAssignee
                && !m.Definition.Until.IsDefaultOrEmpty
                && m.Definition.Until[0] == trigger
                && firedAt > m.At)
            .Select(m => new ObligationBreach
            {
                PetitionId = petition.Id,
                AgencyId = petition.AgencyId,
                DepartmentId = petition.DepartmentId,
                Obligation = m.Name,
                DueAt = m.At.ToUniversalTime(),
                DetectedAt = firedAt.ToUniversalTime(),
            })
            .ToList();
}
