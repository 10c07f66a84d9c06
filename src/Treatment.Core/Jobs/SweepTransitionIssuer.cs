using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treatment.Core.Agencies;
using Treatment.Core.Clock;
using Treatment.Core.Notices;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Security;
using Treatment.Core.Workflows;
using Treatment.Core.Workflows.Effects;

namespace Treatment.Core.Jobs;

/// <summary>A transition the sweep fires as the system; <paramref name="EndsState"/>: it ends a state at its limit (the next milestone is planned again).</summary>
public sealed record SweepFiring(long PetitionId, string Trigger, bool EndsState);

/// <summary>
/// Transitions the sweep fires itself, as the system, through the one change path, in the sweep's own transaction, so
/// the milestone firing, the change, its notices and their delivery commit or roll back together: the progress notice
/// (Decree §23, every 30 days) instead of a breach, and the end of a state whose own limit ran out (a field
/// investigation after its days, Decree §17④⑤; a document not collected in its period, Decree §25④).
/// Policy <c>progress-notice-always-sent</c>: the notice is sent even where the status is published online (the
/// omission Decree §23 allows is not taken).
/// </summary>
public sealed class SweepTransitionIssuer(
    WorkflowCatalog catalog,
    IDeadlineCalculator calculator,
    WorkflowMilestonePlanner planner,
    NoticeRenderer renderer,
    PersonalDataProtector personalData,
    AgencyDirectory agencies,
    RollupWriter rollups)
{
    private static readonly WorkflowRole[] SystemRoles = [WorkflowRole.System];

    /// <summary>The transition that sends the progress notice from <paramref name="state"/> as the system, or null.</summary>
    public static string? ProgressNoticeTrigger(WorkflowDefinition definition, string state) =>
        definition.TransitionsFrom(state).FirstOrDefault(t => t.Has<DischargesProgressNotice>() && t.Roles.Contains(WorkflowRole.System))?.Trigger;

    /// <summary>The transition that ends <paramref name="state"/> at its limit: the first of the milestone's 'until' the system may fire.</summary>
    public static TransitionDefinition? StateEndTransition(WorkflowDefinition definition, string state, MilestoneDefinition milestone) =>
        definition.TransitionsFrom(state).FirstOrDefault(t => t.Roles.Contains(WorkflowRole.System) && milestone.Until.Contains(t.Trigger));

    /// <summary>Fires each transition inside the sweep's transaction.</summary>
    public async Task IssueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<SweepFiring> firings, DateTimeOffset now, CancellationToken ct)
    {
        if (firings.Count == 0)
        {
            return;
        }

        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        options.UseNpgsql(connection).UseSnakeCaseNamingConvention();
        await using var db = new TreatmentDbContext(options.Options);
        await db.Database.UseTransactionAsync(transaction, ct);
        var change = new PetitionChange(calculator, planner);
        var issuer = new NoticeIssuer(db, renderer, personalData);
        var recorded = new List<(Petition, PetitionEvent)>();
        var ids = firings.Select(f => f.PetitionId).ToList();
        var petitions = await db.Petitions.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var firing in firings)
        {
            var petition = petitions[firing.PetitionId];
            var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
            var outcome = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, calculator, now), firing.Trigger, TriggerInputs.Empty, SystemRoles);
            if (outcome.Error is { } refused)
            {
                throw new InvalidOperationException($"{petition.ReceiptNumber}: {refused.Message.En}");
            }

            var agency = await agencies.ByIdAsync(db, petition.AgencyId, ct);
            var official = petition.AssigneeId is { } assignee
                ? await db.Users.AsNoTracking().Where(u => u.Id == assignee).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
                : null;
            var work = new PetitionWork(petition, definition, agency, null, now) { OfficialName = official };
            if (work.Apply(change, issuer, outcome.Result!, TriggerInputs.Empty, Actor.System, atIntake: false) is { } error)
            {
                throw new InvalidOperationException($"{petition.ReceiptNumber}: {error.Message.En}");
            }

            if (firing.EndsState)
            {
                // The state changed (the clock resumed, or the petition closed): what comes next is planned anew.
                change.Replan(petition, definition, now);
            }

            db.PetitionEvents.AddRange(work.Events);
            await db.Notices.AddRangeAsync(work.Notices, ct);
            recorded.AddRange(work.Events.Select(e => (petition, e)));
        }

        await new PetitionChangeWriter(db, catalog, rollups).SaveAsync(recorded, ct);
    }
}
