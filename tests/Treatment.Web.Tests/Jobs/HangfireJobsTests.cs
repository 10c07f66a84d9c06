using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Jobs;
using Treatment.Web.Hosting;
using Treatment.Web.Tests.Infrastructure;
using static Treatment.Web.Tests.Api.ApiClient;
using static Treatment.Web.Tests.Jobs.MilestonePetitions;

namespace Treatment.Web.Tests.Jobs;

/// <summary>
/// The host in role "all" runs the Hangfire server with the recurring jobs registered at start; the sweep fired through
/// Hangfire makes a long-overdue petition overdue and escalated, each event once, and the API says so.
/// </summary>
[Collection(JobsCollection.Name)]
public sealed class HangfireJobsTests(HangfireJobsTests.WorkerHost host) : IClassFixture<HangfireJobsTests.WorkerHost>
{
    private readonly TreatmentApp _app = host.App;

    [Fact]
    public async Task RecurringSweep_TriggeredTwiceThroughHangfire_OverdueAndEscalationEventsExactlyOnce()
    {
        var now = _app.Time.GetUtcNow();
        var petition = await CreateAsync(_app, now.AddDays(-30), state: "received");
        var recurring = _app.Services.GetRequiredService<IRecurringJobManagerV2>();

        var firstRun = recurring.TriggerJob(RecurringJobsRegistration.SweepJobId);
        await WaitSucceededAsync(firstRun);
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        var secondRun = recurring.TriggerJob(RecurringJobsRegistration.SweepJobId);
        await WaitSucceededAsync(secondRun);

        var events = await EventsAsync(_app, petition.Id);
        Assert.Single(events, e => e.Type == MilestoneEventTypes.Overdue);
        Assert.Equal([1, 2, 3], EscalationLevels(events));
        var stored = await ReloadAsync(_app, petition.Id);
        Assert.True(stored.Overdue);
        Assert.True(stored.EscalationLevel >= 1);
    }

    [Fact]
    public async Task RecurringSweep_PetitionRegisteredThirtyDaysLateThroughTheApi_ApiSaysOverdueAndEscalated()
    {
        var official = await OfficialAsync(_app);
        var body = Grievance("한 달 늦게 등록된 방문 민원");
        body["channel"] = "visit";
        body["receivedAt"] = _app.Time.GetUtcNow().AddDays(-30).ToString("O");
        var created = await official.PostAsync("/api/v1/petitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var intake = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True(intake["overdue"]!.GetValue<bool>(), "overdue at once");
        var id = intake["id"]!.GetValue<long>();
        var recurring = _app.Services.GetRequiredService<IRecurringJobManagerV2>();

        await WaitSucceededAsync(recurring.TriggerJob(RecurringJobsRegistration.SweepJobId));
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await WaitSucceededAsync(recurring.TriggerJob(RecurringJobsRegistration.SweepJobId));

        var resource = JsonNode.Parse(await official.GetStringAsync($"/api/v1/petitions/{id}"))!;
        Assert.True(resource["overdue"]!.GetValue<bool>());
        Assert.True(resource["escalationLevel"]!.GetValue<int>() >= 1);
        var types = resource["timeline"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Single(types, t => t == MilestoneEventTypes.Overdue);
        Assert.Equal(3, types.Count(t => t == MilestoneEventTypes.Escalation));
        Assert.Equal([1, 2, 3], EscalationLevels(await EventsAsync(_app, id)));
    }

    [Fact]
    public void RecurringJobs_RoleAll_SweepOutboxAndMonthlyCheckRegistered()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();

        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();

        Assert.Contains(RecurringJobsRegistration.SweepJobId, ids);
        Assert.Contains(RecurringJobsRegistration.OutboxJobId, ids);
        Assert.Contains(RecurringJobsRegistration.MonthlyCheckJobId, ids);
        Assert.Equal("0 9 1-5 * *", connection.GetRecurringJobs().Single(j => j.Id == RecurringJobsRegistration.MonthlyCheckJobId).Cron);
    }

    private async Task WaitSucceededAsync(string jobId)
    {
        var monitoring = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var i = 0; i < 120; i++)
        {
            var state = monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state == "Succeeded")
            {
                return;
            }

            Assert.NotEqual("Failed", state);
            await Task.Delay(500);
        }

        Assert.Fail($"job {jobId} did not succeed within 60 s");
    }

    /// <summary>One host in role "all" (web and Hangfire server) over its own database, shared by the class's tests.</summary>
    public sealed class WorkerHost() : JobsApp("All");
}
