using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Core.BackOffice;

/// <summary>
/// Hands a departing user's open petitions back to their department's queue: each loses its assignee, keeps its
/// department, and gets a "reassigned" event with no new assignee, so the audit trail reads like any reassignment.
/// </summary>
public sealed class AssignmentHandBack(TreatmentDbContext db, TimeProvider time)
{
    /// <summary>The event type of <see cref="PetitionService.ReassignAsync"/>, whose data shape this event shares.</summary>
    public const string ReassignedEventType = "reassigned";

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>Unassigns every open petition of <paramref name="userId"/>; saved with the caller's other changes. Returns how many.</summary>
    public async Task<int> ReturnOpenPetitionsAsync(Guid userId, Actor actor, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var petitions = await db.Petitions.Where(p => p.IsOpen && p.AssigneeId == userId).ToListAsync(ct);
        foreach (var petition in petitions)
        {
            var data = JsonSerializer.Serialize(new { fromAssignee = petition.AssigneeId, toAssignee = (Guid?)null, fromDepartment = petition.DepartmentId, toDepartment = petition.DepartmentId }, EventJson);
            petition.AssigneeId = null;
            petition.UpdatedAt = now;
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                At = now,
                Type = ReassignedEventType,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                FromState = petition.State,
                ToState = petition.State,
                Reason = reason,
                Data = data,
                WorkflowVersion = petition.WorkflowVersion,
            });
        }

        await db.SaveChangesAsync(ct);
        return petitions.Count;
    }
}
