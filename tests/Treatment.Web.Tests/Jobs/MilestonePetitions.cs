using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;

namespace Treatment.Web.Tests.Jobs;

/// <summary>
/// Grievance petitions (7 days, workflows/grievance/v1.yaml) put straight into the database, with their due and next
/// milestone computed as the petition service does after every clock change.
/// </summary>
public static class MilestonePetitions
{
    public static WorkflowDefinition Grievance(TreatmentApp app) => app.Services.GetRequiredService<WorkflowCatalog>().Get("grievance", 1);

    public static WorkflowMilestonePlanner Planner(TreatmentApp app) => app.Services.GetRequiredService<WorkflowMilestonePlanner>();

    public static IDeadlineCalculator Calculator(TreatmentApp app) => app.Services.GetRequiredService<IDeadlineCalculator>();

    public static MilestoneSweep Sweep(TreatmentApp app, int batchSize = 1000) =>
        ActivatorUtilities.CreateInstance<MilestoneSweep>(app.Services, new MilestoneSweepSettings { BatchSize = batchSize, FanOutJobs = 0 });

    /// <summary>Creates an open grievance petition received at <paramref name="received"/>, in state "reviewing" unless told.</summary>
    public static async Task<Petition> CreateAsync(TreatmentApp app, DateTimeOffset received, string state = "reviewing")
    {
        await using var db = app.CreateDbContext();
        var petition = await TestData.CreatePetitionAsync(db, title: "기한 테스트 민원");
        petition.Kind = PetitionKind.Grievance;
        petition.WorkflowId = "grievance";
        petition.WorkflowVersion = 1;
        petition.State = state;
        petition.PeriodUnit = PeriodUnit.Days;
        petition.PeriodValue = 7;
        petition.DueUnit = DueUnit.Days;
        petition.ArrivedAt = received;
        petition.ReceivedAt = received;
        ApplyClockChange(app, petition, bumpGeneration: false);
        await db.SaveChangesAsync();
        return petition;
    }

    /// <summary>What the change path does after a clock change: recompute the due, bump the generation, plan the next milestone.</summary>
    public static void ApplyClockChange(TreatmentApp app, Petition petition, bool bumpGeneration = true)
    {
        var change = new PetitionChange(Calculator(app), Planner(app));
        if (petition.Exclusions.Any(s => s.To is null))
        {
            petition.ClockState = ClockState.Paused;
        }
        else
        {
            petition.ClockState = ClockState.Running;
            Assert.Null(change.RecomputeDue(petition, Grievance(app)));
        }

        if (bumpGeneration)
        {
            petition.ClockGeneration++;
        }

        change.Replan(petition, Grievance(app), app.Time.GetUtcNow());
    }

    public static async Task<Petition> ReloadAsync(TreatmentApp app, long id)
    {
        await using var db = app.CreateDbContext();
        return await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    public static async Task<List<PetitionEvent>> EventsAsync(TreatmentApp app, long id)
    {
        await using var db = app.CreateDbContext();
        return await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>The escalation levels recorded in the petition's escalation events, in order.</summary>
    public static List<int> EscalationLevels(IEnumerable<PetitionEvent> events) =>
        events.Where(e => e.Type == MilestoneEventTypes.Escalation)
            .Select(e => System.Text.Json.JsonDocument.Parse(e.Data!).RootElement.GetProperty("level").GetInt32())
            .ToList();

    public static async Task<long> ScalarAsync(TreatmentApp app, string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(app.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static TreatmentDbContext Db(TreatmentApp app) => app.CreateDbContext();
}
