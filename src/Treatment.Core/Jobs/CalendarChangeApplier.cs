using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treatment.Core.Clock;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;

namespace Treatment.Core.Jobs;

/// <summary>A holiday designated or withdrawn after start-up (e.g. a temporary holiday by cabinet decision).</summary>
public sealed record CalendarChangeRequest(DateOnly Date, string NameKo, bool IsHoliday, string LegalBasis, Guid? AppliedById = null);

/// <summary>What applying a calendar change did: the audited change row, the moved dues, the petitions that could not be counted, the new calendar.</summary>
public sealed record CalendarChangeOutcome(long ChangeId, IReadOnlyList<DueChange> Changes, IReadOnlyList<DueChangeFailure> Failures, IHolidayCalendar Calendar);

/// <summary>
/// Applies a holiday change to every affected open petition in one transaction: recomputes the due under the new
/// calendar (<see cref="CalendarChangePreview"/>), bumps the clock generation so no milestone planned before is
/// applied, plans the next milestone, appends a "due-recomputed" event, and records the change (rulebook §11).
/// </summary>
public sealed class CalendarChangeApplier(TreatmentDbContext db, WorkflowCatalog catalog, IHolidayCalendar calendar, ClockPolicy policy, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CalendarChangeOutcome> ApplyAsync(CalendarChangeRequest request, CancellationToken cancellationToken)
    {
        var updated = WithChange(calendar, request);
        var planner = new WorkflowMilestonePlanner(new DeadlineCalculator(updated, policy));
        var now = time.GetUtcNow();

        // Only a petition received by the end of the date and due on or after it can move.
        var dayStart = new DateTimeOffset(request.Date.ToDateTime(TimeOnly.MinValue), DeadlineCalculator.KstOffset).ToUniversalTime();
        var dayEnd = dayStart.AddDays(1);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var petitions = await db.Petitions
            .Where(p => p.IsOpen && p.ClockState == ClockState.Running && p.DueAt != null && p.DueAt >= dayStart && p.ReceivedAt < dayEnd)
            .ToListAsync(cancellationToken);
        var clocks = petitions.Select(PetitionClock.Open).OfType<OpenPetitionClock>().ToList();
        var preview = CalendarChangePreview.Preview(clocks, calendar, updated, policy);
        var byId = petitions.ToDictionary(p => p.Id);
        foreach (var change in preview.Changes)
        {
            var petition = byId[change.PetitionId];
            petition.DueAt = change.To.ToUniversalTime();
            petition.ClockGeneration++;
            petition.Overdue = petition.Overdue && change.To <= now;
            petition.UpdatedAt = now;
            if (catalog.TryGet(petition.WorkflowId, petition.WorkflowVersion) is { } definition)
            {
                var next = planner.Plan(petition, definition, now);
                petition.NextMilestoneAt = next.At;
                petition.NextMilestone = next.Milestone;
            }

            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                At = now,
                Type = MilestoneEventTypes.DueRecomputed,
                ActorId = request.AppliedById,
                ActorName = MilestoneEventTypes.SystemActor,
                Reason = $"{request.Date:yyyy-MM-dd} {request.NameKo} ({request.LegalBasis})",
                Data = JsonSerializer.Serialize(new { from = change.FromText, to = change.ToText, date = request.Date, holiday = request.IsHoliday, generation = petition.ClockGeneration }, Json),
                WorkflowVersion = petition.WorkflowVersion,
            });
        }

        var record = new CalendarChange
        {
            Date = request.Date,
            NameKo = request.NameKo,
            IsHoliday = request.IsHoliday,
            LegalBasis = request.LegalBasis,
            AppliedAt = now,
            AppliedById = request.AppliedById,
            PetitionsRecomputed = preview.Changes.Count,
        };
        db.CalendarChanges.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CalendarChangeOutcome(record.Id, preview.Changes, preview.Failures, updated);
    }

    /// <summary>The calendar with the change applied: a temporary holiday added, or the date's holidays withdrawn (a correction).</summary>
    public static IHolidayCalendar WithChange(IHolidayCalendar current, CalendarChangeRequest request)
    {
        if (current is not HolidayCalendar built)
        {
            throw new InvalidOperationException("a calendar change needs the rule-built holiday calendar");
        }

        var entry = request.IsHoliday
            ? new HolidayDataEntry(request.Date, HolidayKind.Temporary, HolidayEntryAction.Add, request.NameKo, request.NameKo, request.LegalBasis)
            : new HolidayDataEntry(request.Date, HolidayKind.Correction, HolidayEntryAction.Remove, request.NameKo, request.NameKo, request.LegalBasis);
        return new HolidayCalendar(built.Rules, [.. built.Entries, entry], built.FirstDate.Year, built.LastDate.Year);
    }
}
