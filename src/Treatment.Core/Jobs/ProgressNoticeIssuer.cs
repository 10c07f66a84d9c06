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

/// <summary>
/// Sends the progress notice (Decree §23, every 30 days) when its milestone comes, instead of recording a breach: the
/// sweep fires the definition's progress-notice transition as the system, through the one change path, in the sweep's
/// own transaction, so the notice, its delivery and the milestone firing commit or roll back together.
/// Policy <c>progress-notice-always-sent</c>: the notice is sent even where the status is published online (the
/// omission Decree §23 allows is not taken).
/// </summary>
public sealed class ProgressNoticeIssuer(
    WorkflowCatalog catalog,
    IDeadlineCalculator calculator,
    NoticeRenderer renderer,
    PersonalDataProtector personalData,
    AgencyDirectory agencies,
    RollupWriter rollups)
{
    private static readonly WorkflowRole[] SystemRoles = [WorkflowRole.System];

    /// <summary>The transition that sends the progress notice from <paramref name="state"/> as the system, or null.</summary>
    public static string? SystemTrigger(WorkflowDefinition definition, string state) =>
        definition.TransitionsFrom(state).FirstOrDefault(t => t.Has<DischargesProgressNotice>() && t.Roles.Contains(WorkflowRole.System))?.Trigger;

    /// <summary>Fires the progress-notice transition of each petition inside the sweep's transaction.</summary>
    public async Task IssueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<long> petitionIds, DateTimeOffset now, CancellationToken ct)
    {
        if (petitionIds.Count == 0)
        {
            return;
        }

        var options = new DbContextOptionsBuilder<TreatmentDbContext>();
        options.UseNpgsql(connection).UseSnakeCaseNamingConvention();
        await using var db = new TreatmentDbContext(options.Options);
        await db.Database.UseTransactionAsync(transaction, ct);
        var change = new PetitionChange(calculator, null);
        var issuer = new NoticeIssuer(db, renderer, personalData);
        var recorded = new List<(Petition, PetitionEvent)>();
        var petitions = await db.Petitions.Where(p => petitionIds.Contains(p.Id)).ToListAsync(ct);
        foreach (var petition in petitions)
        {
            var definition = catalog.Get(petition.WorkflowId, petition.WorkflowVersion);
            var trigger = SystemTrigger(definition, petition.State)
                          ?? throw new InvalidOperationException($"{petition.ReceiptNumber}: no progress-notice transition from {petition.State}");
            var outcome = new PetitionMachine(definition).Fire(PetitionClock.Facts(petition, calculator, now), trigger, TriggerInputs.Empty, SystemRoles);
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

            db.PetitionEvents.AddRange(work.Events);
            db.Notices.AddRange(work.Notices);
            recorded.AddRange(work.Events.Select(e => (petition, e)));
        }

        await new PetitionChangeWriter(db, catalog, rollups).SaveAsync(recorded, ct);
    }
}
