using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Treatment.Core.Clock;
using Treatment.Core.Jobs;
using Treatment.Core.Petitions;
using Treatment.Core.Reports;
using Treatment.Core.Workflows;
using Treatment.Web.Tests.Infrastructure;
using Treatment.Web.Tests.Jobs;
using static Treatment.Web.Tests.Api.ApiClient;

namespace Treatment.Web.Tests.Petitioner;

/// <summary>
/// States that end by themselves at their limit, fired by the milestone sweep through the change path and keyed so
/// they happen once: the grievance field investigation (14 days, once 7 more: Decree §17④⑤) and a document not
/// collected in 15 days (Act §27④, Decree §25④), whose closure the yearly report counts.
/// </summary>
[Collection(PetitionerSideCollection.Name)]
public sealed class StateLimitSweepTests(PetitionerSideApp side)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private readonly TreatmentApp _app = side.App;

    [Fact]
    public async Task FieldInvestigation_Of14Days_EndsByItselfOnce_ClockResumesAndTheAssigneeIsTold()
    {
        var (id, official) = await GrievanceUnderReviewAsync("현지조사 14일");
        var started = Today();
        (await FireAsync(official, id, "start-field-investigation", new { reason = "현장 확인", investigationDays = 14 })).EnsureSuccessStatusCode();
        var investigating = await ReloadAsync(id);
        Assert.Equal(started.AddDays(13), investigating.StateEndsOn); // the 14 dates the pause excludes, its first day included

        await SweepAtAsync(started.AddDays(13), new TimeOnly(23, 0)); // the last day: still investigating
        Assert.Equal("field-investigation", (await ReloadAsync(id)).State);

        await SweepAtAsync(started.AddDays(15), new TimeOnly(9, 30)); // a late sweep still excludes only 14 days
        await SweepAtAsync(started.AddDays(15), new TimeOnly(9, 45)); // swept again: nothing more happens

        var ended = await ReloadAsync(id);
        Assert.Equal("reviewing", ended.State);
        Assert.Equal(ClockState.Running, ended.ClockState);
        Assert.Null(ended.StateEndsOn);
        var span = Assert.Single(ended.Exclusions, s => s.Type == ExclusionType.GrievanceFieldInvestigation);
        Assert.Equal((started, (DateOnly?)started.AddDays(13)), (span.From, span.To));
        var endings = await EndingsAsync(id, "end-field-investigation");
        var ending = Assert.Single(endings);
        Assert.Equal(Actor.System.Name, ending.ActorName);
        await using var db = _app.CreateDbContext();
        Assert.NotEmpty(await db.UserNotifications.Where(n => n.PetitionId == id && n.Kind == "state-ended").ToListAsync());
    }

    [Fact]
    public async Task FieldInvestigation_ExtendedOnceBySeven_EndsAfter21Days_ASecondExtensionIsRefused()
    {
        var (id, official) = await GrievanceUnderReviewAsync("현지조사 연장");
        var started = Today();
        var tooLong = await FireAsync(official, id, "start-field-investigation", new { reason = "과다", investigationDays = 15 });
        (await FireAsync(official, id, "start-field-investigation", new { reason = "현장 확인", investigationDays = 14 })).EnsureSuccessStatusCode();
        var extendedTooLong = await FireAsync(official, id, "extend-field-investigation", new { reason = "과다 연장", investigationDays = 8 });
        var extended = await FireAsync(official, id, "extend-field-investigation", new { reason = "추가 확인", investigationDays = 7 });
        var again = await FireAsync(official, id, "extend-field-investigation", new { reason = "또 연장", investigationDays = 1 });

        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.True(again.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, again.StatusCode.ToString());
        Assert.True(tooLong.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, tooLong.StatusCode.ToString());
        Assert.True(extendedTooLong.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, extendedTooLong.StatusCode.ToString());
        Assert.Equal(started.AddDays(20), (await ReloadAsync(id)).StateEndsOn);

        await SweepAtAsync(started.AddDays(14), new TimeOnly(9, 0)); // day 15: the extension runs
        Assert.Equal("field-investigation", (await ReloadAsync(id)).State);
        await SweepAtAsync(started.AddDays(21), new TimeOnly(0, 30));

        var ended = await ReloadAsync(id);
        Assert.Equal("reviewing", ended.State);
        var span = Assert.Single(ended.Exclusions, s => s.Type == ExclusionType.GrievanceFieldInvestigation);
        Assert.Equal(started.AddDays(20), span.To);
        Assert.Single(await EndingsAsync(id, "end-field-investigation"));
    }

    [Fact]
    public async Task FieldInvestigation_EndedByTheOfficialEarly_IsNotEndedAgainBySweep()
    {
        var (id, official) = await GrievanceUnderReviewAsync("현지조사 조기 종료");
        var started = Today();
        (await FireAsync(official, id, "start-field-investigation", new { reason = "현장 확인", investigationDays = 5 })).EnsureSuccessStatusCode();
        (await FireAsync(official, id, "end-field-investigation")).EnsureSuccessStatusCode();

        await SweepAtAsync(started.AddDays(6), new TimeOnly(9, 0));

        var endings = await EndingsAsync(id, "end-field-investigation");
        Assert.Single(endings);
        Assert.NotEqual(Actor.System.Name, endings[0].ActorName);
    }

    [Fact]
    public async Task UncollectedDocument_ClosedTheDayAfterTheFifteenthDay_Once_CountedInTheYearlyReport()
    {
        var official = await OfficialAsync(_app, "jongno.building");
        var petition = await ReceiveAsync(_app.CreateClient(), Legal("BLD-USE-APPROVAL", "사용승인서 교부 대기"));
        var id = Id(petition);
        (await FireAsync(official, id, "route")).EnsureSuccessStatusCode();
        (await FireAsync(official, id, "grant", new { decisionText = "사용승인" })).EnsureSuccessStatusCode();
        var held = await FireAsync(official, id, "hold-for-collection");
        Assert.True(held.IsSuccessStatusCode, await held.Content.ReadAsStringAsync());
        var heldOn = Today();
        var lastDay = (await ReloadAsync(id)).StateEndsOn!.Value;
        var expected = _app.Services.GetRequiredService<IDeadlineCalculator>()
            .Compute(new DeadlineRequest(_app.Time.GetUtcNow(), TreatmentPeriod.Days(15), [], CountingMode.Civil, [])).GetValueOrThrow().DueDate;
        Assert.Equal(expected, lastDay);
        Assert.True(lastDay >= heldOn.AddDays(15), lastDay.ToString());

        await SweepAtAsync(lastDay, new TimeOnly(18, 0));
        official = await OfficialAsync(_app, "jongno.building"); // days later: a fresh token
        var early = await FireAsync(official, id, "close-uncollected", new { });
        Assert.Equal("awaiting-collection", (await ReloadAsync(id)).State);
        await SweepAtAsync(lastDay.AddDays(1), new TimeOnly(0, 30));
        await SweepAtAsync(lastDay.AddDays(1), new TimeOnly(1, 0));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode); // the guard StateLimitPassed: not yet
        var closed = await ReloadAsync(id);
        Assert.False(closed.IsOpen);
        Assert.Equal("closed", closed.State);
        Assert.Equal(Actor.System.Name, Assert.Single(await EndingsAsync(id, "close-uncollected")).ActorName);

        var year = lastDay.Year;
        var report = await new YearlyReportBuilder(_app.Services.GetRequiredService<NpgsqlDataSource>(), _app.Time, _app.Services.GetRequiredService<WorkflowCatalog>())
            .BuildAsync(year, new ReportScope(ReportScopeKind.Agency, "SEOUL-JONGNO"), null, CancellationToken.None);
        await using var db = _app.CreateDbContext();
        var jongno = await db.Agencies.Where(a => a.Code == "SEOUL-JONGNO").Select(a => a.Id).SingleAsync();
        var closures = await db.PetitionEvents.CountAsync(e => e.Trigger == "close-uncollected" && db.Petitions.Any(p => p.Id == e.PetitionId && p.AgencyId == jongno));
        Assert.True(closures >= 1);
        Assert.Equal((decimal?)closures, report.Table("operations.petitioner-side").Find(RollupMeasures.UncollectedClosure)!.Current);
    }

    private async Task<(long Id, HttpClient Official)> GrievanceUnderReviewAsync(string title)
    {
        var petition = await ReceiveAsync(_app.CreateClient(), Grievance(title));
        var official = await OfficialAsync(_app);
        (await FireAsync(official, Id(petition), "route")).EnsureSuccessStatusCode();
        return (Id(petition), official);
    }

    private DateOnly Today() => DateOnly.FromDateTime(_app.Time.GetUtcNow().ToOffset(Kst).DateTime);

    /// <summary>Moves the clock to a KST day and time (never back) and sweeps until nothing is due.</summary>
    private async Task SweepAtAsync(DateOnly day, TimeOnly time)
    {
        var target = new DateTimeOffset(day.ToDateTime(time), Kst);
        if (target > _app.Time.GetUtcNow())
        {
            _app.Time.SetUtcNow(target.ToUniversalTime());
        }

        for (var i = 0; i < 5 && (await MilestonePetitions.Sweep(_app).DrainAsync(CancellationToken.None)).Claimed > 0; i++)
        {
        }
    }

    private Task<Petition> ReloadAsync(long id) => MilestonePetitions.ReloadAsync(_app, id);

    private async Task<List<PetitionEvent>> EndingsAsync(long id, string trigger) =>
        (await MilestonePetitions.EventsAsync(_app, id)).Where(e => e.Trigger == trigger).ToList();
}
