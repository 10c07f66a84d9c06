using Microsoft.EntityFrameworkCore;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Workflows;

namespace Treatment.Core.Petitions;

/// <summary>One petition's outcome in a workflow migration, with its due before and after.</summary>
public sealed record PetitionMigrationReport(
    long PetitionId, string ReceiptNumber, string FromState, string? ToState, MigrationOutcomeKind Outcome,
    DateTimeOffset? DueBefore, DateTimeOffset? DueAfter, string? Error);

/// <summary>
/// Moves open petitions from one published version of a workflow to another (architecture "Workflow definitions":
/// explicit, audited, dry run first). Petitions whose state cannot be mapped stay where they are.
/// </summary>
public sealed class WorkflowMigrationService(TreatmentDbContext db, WorkflowCatalog catalog, PetitionChange change, TimeProvider time)
{
    public async Task<IReadOnlyList<PetitionMigrationReport>> RunAsync(
        string workflowId, int fromVersion, int toVersion, IReadOnlyDictionary<string, string> stateMap, bool apply, Actor actor, CancellationToken ct)
    {
        var from = catalog.TryGet(workflowId, fromVersion) ?? throw new KeyNotFoundException($"workflow {workflowId} v{fromVersion} is not loaded");
        var to = catalog.TryGet(workflowId, toVersion) ?? throw new KeyNotFoundException($"workflow {workflowId} v{toVersion} is not loaded");
        var petitions = await db.Petitions
            .Where(p => p.IsOpen && p.WorkflowId == workflowId && p.WorkflowVersion == fromVersion)
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var plan = WorkflowMigrationPlanner.Plan(from, to, petitions.Select(p => new OpenPetitionState(p.Id, p.State)), stateMap)
            .ToDictionary(o => o.PetitionId);
        var now = time.GetUtcNow();
        var reports = new List<PetitionMigrationReport>(petitions.Count);
        foreach (var petition in petitions)
        {
            var outcome = plan[petition.Id];
            var dueBefore = petition.DueAt;
            if (outcome.Kind != MigrationOutcomeKind.Moved)
            {
                reports.Add(new PetitionMigrationReport(petition.Id, petition.ReceiptNumber, outcome.FromState, outcome.ToState, outcome.Kind, dueBefore, dueBefore, null));
                continue;
            }

            // A fixed or per-sub-kind period may differ in the new version; a legal petition keeps its affair's period.
            if (to.Period.PeriodFor(petition.SubKind) is { } newPeriod)
            {
                petition.PeriodUnit = newPeriod.Unit;
                petition.PeriodValue = newPeriod.Value;
            }

            var dueAfter = dueBefore;
            if (petition.ClockState != ClockState.Stopped)
            {
                var due = PetitionClock.Due(petition, to, change.Clock);
                if (!due.IsSuccess)
                {
                    reports.Add(new PetitionMigrationReport(petition.Id, petition.ReceiptNumber, outcome.FromState, outcome.ToState, outcome.Kind, dueBefore, null, due.Error!.MessageEn));
                    db.Entry(petition).State = EntityState.Unchanged;
                    continue;
                }

                dueAfter = due.Value!.Due.ToUniversalTime();
            }

            reports.Add(new PetitionMigrationReport(petition.Id, petition.ReceiptNumber, outcome.FromState, outcome.ToState, outcome.Kind, dueBefore, dueAfter, null));
            if (!apply)
            {
                continue;
            }

            var fromState = petition.State;
            petition.WorkflowVersion = toVersion;
            petition.State = outcome.ToState!;
            db.PetitionEvents.Add(change.MoveDue(petition, to, dueAfter, now, PetitionEventTypes.WorkflowMigrated, actor.UserId, actor.Name,
                $"{workflowId} v{fromVersion} → v{toVersion}", new WorkflowMigratedData(workflowId, fromVersion, toVersion, dueBefore, dueAfter), fromState));
        }

        if (apply)
        {
            await db.SaveChangesAsync(ct);
        }
        else
        {
            // The dry run computed dues on the loaded petitions; none of that may reach a later SaveChanges.
            db.ChangeTracker.Clear();
        }

        return reports;
    }
}
